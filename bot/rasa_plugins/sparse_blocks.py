"""The featurizers' sparse features of a message, one block per featurizer.

The intent classifier reads them twice: the sentence features of the whole message, and
the sum of the token rows (sequence features) of one part of it, so that each part of a
long message can be classified on its own (bot/text/segments.py cuts the parts).
"""

from __future__ import annotations

import scipy.sparse
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

Blocks = dict[str, scipy.sparse.spmatrix]


def _origin(feature: object) -> str:
    origin = getattr(feature, "origin", "")
    return origin if isinstance(origin, str) else "+".join(origin or [])


def _blocks(message: Message, kind: str) -> Blocks:
    return {
        _origin(f): scipy.sparse.csr_matrix(f.features)
        for f in message.features
        if f.attribute == TEXT and f.type == kind and f.is_sparse()
    }


def sentence_blocks(message: Message) -> Blocks:
    """The sparse sentence features of the message text, per featurizer."""
    return _blocks(message, "sentence")


def sequence_blocks(message: Message) -> Blocks:
    """The sparse token features (one row per token) of the message text, per featurizer."""
    return _blocks(message, "sequence")


def span_blocks(sequence: Blocks, rows: list[int] | None = None) -> Blocks:
    """The token rows `rows` (all when None) summed: the features of a part of a message."""
    return {
        origin: scipy.sparse.csr_matrix(block[rows].sum(axis=0) if rows is not None else block.sum(axis=0))
        for origin, block in sequence.items()
    }


class Weighting:
    """Per-featurizer tf-idf and L2 normalisation, fitted on the training messages, so that
    character n-grams do not drown the word n-grams."""

    def __init__(self, widths: dict[str, int], tfidf: dict[str, TfidfTransformer]) -> None:
        self.widths, self.tfidf = widths, tfidf

    @classmethod
    def fit(cls, messages: list[Blocks]) -> Weighting:
        widths = {o: b.shape[1] for m in messages for o, b in m.items()}
        weighting = cls(dict(sorted(widths.items())), {})
        for origin, raw in weighting._raw(messages).items():
            weighting.tfidf[origin] = TfidfTransformer(sublinear_tf=True).fit(raw)
        return weighting

    def _raw(self, messages: list[Blocks]) -> dict[str, scipy.sparse.csr_matrix]:
        """One matrix per featurizer; a message it did not featurize gets a row of zeros."""
        return {
            origin: scipy.sparse.vstack(
                [m[origin] if origin in m else scipy.sparse.csr_matrix((1, width)) for m in messages]
            ).tocsr()
            for origin, width in self.widths.items()
        }

    def transform(self, messages: list[Blocks]) -> scipy.sparse.csr_matrix:
        raw = self._raw(messages)
        weighted = [normalize(self.tfidf[o].transform(raw[o])) for o in self.widths]
        return scipy.sparse.hstack(weighted).tocsr()
