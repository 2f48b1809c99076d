"""Text handling shared by every process: folding, spaCy lemmas, vocabulary matching."""
