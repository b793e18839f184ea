"""The conversation with a respondent, without any messenger: the engine (`motor`: which step
comes next and what an input means), how a step is shown (`weergave`), how typed numbers and
dates are read (`invoer`), what is said (`teksten`), and how an outcome is stored (`stap`).
Telegram (bot/), `stj chat` and `stj demo` (cli/) are adapters over it."""
