"""The room's web server: the phones' page and the facilitator's controls over the local network (aiohttp), a thin host over the room."""
