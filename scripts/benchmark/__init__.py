"""`make bench`'s parts: the load it sends, the bots it compares, the start-up it times."""
