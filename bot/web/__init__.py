"""bot.web: the project's only public surface (aiohttp).

`app.create_app()` wires the parts together; each part lives in its own package:
`public/` (the applicant page and its chat gateway) and `staff/` (the staff console).
"""
