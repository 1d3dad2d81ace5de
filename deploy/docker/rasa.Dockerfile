# The Rasa server image: Rasa, the project's NLU components, channels and the trained model.
# Build from the repository root after `make train`:
#   docker build -f deploy/docker/rasa.Dockerfile -t imvo-rasa .
# Only requirements/rasa.txt is installed (no rasa_sdk, no test tools).
FROM python:3.10.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /app
COPY requirements/rasa.txt requirements/constraints.txt requirements/
RUN pip install --no-cache-dir -r requirements/rasa.txt -c requirements/constraints.txt \
    && useradd --create-home --uid 1001 rasa
# the components read the supplier records and reference facts through actions/records and actions/reference
COPY actions/ actions/
COPY components/ components/
COPY channels/ channels/
COPY entrypoints/ entrypoints/
COPY scripts/__init__.py scripts/check_services.py scripts/
COPY web/ web/
COPY config.yml credentials.yml endpoints.yml company.yml ./
COPY deploy/endpoints.postgres.yml deploy/endpoints.cluster.yml deploy/
COPY models/imvo-assistant.tar.gz models/
USER rasa
EXPOSE 5005
# Refuses to start, naming the setting, when the tracker store, lock store or database is unreachable.
CMD ["sh", "-c", "python -m scripts.check_services && exec python -m entrypoints.rasa_server run -m models/imvo-assistant.tar.gz --port 5005 --credentials credentials.yml --endpoints \"${ENDPOINTS:-endpoints.yml}\""]
