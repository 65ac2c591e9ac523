"""The service runs offline: no library it loads may fetch weights or report usage."""

from __future__ import annotations

import os

# Hugging Face libraries read these when imported; Gradio reads its analytics switch likewise.
OFFLINE_ENVIRONMENT = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                       "GRADIO_ANALYTICS_ENABLED": "False"}


def stay_offline() -> None:
    """Call before importing transformers, the hub or gradio; values set by the user are kept."""
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
