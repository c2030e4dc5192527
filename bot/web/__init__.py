"""Web pages served by the bot's aiohttp server, for people who do not use Wegwijs themselves."""
