"""Plan Next Tech assistant: the code shared by the Rasa server, the action server and bot.web."""
