"""Components loaded by the Rasa server (config.yml names them). Only this package imports rasa."""
