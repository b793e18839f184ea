"""The inspector's desk: a server-rendered web console over the same services as the bot and
the command line (`stj web`). Plain forms that work without JavaScript."""
