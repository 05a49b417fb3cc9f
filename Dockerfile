# One rnnviz server: the dashboard and its training workers (one per core the container may use).
# The setup is the README's: scripts/bootstrap.sh into .venv, with the CPU build of torch fetched first
# from PyTorch's CPU index (bootstrap.sh then finds the pinned version and keeps it).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md app.py ./
COPY scripts ./scripts
COPY rnnviz ./rnnviz
COPY pages ./pages
COPY assets ./assets
COPY .streamlit ./.streamlit
RUN python -m venv .venv \
    && .venv/bin/pip install --quiet --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
    && bash scripts/bootstrap.sh
EXPOSE 8501
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
# Every interface inside the container: the load balancer in front of it is what students reach.
CMD [".venv/bin/python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
