"""The maintainers' review: messages the assistant may have misunderstood, grouped, for a
label in two clicks; and the labels written out as training data by `make train`."""
