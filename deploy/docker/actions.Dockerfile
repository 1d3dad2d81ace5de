# The action server image: rasa_sdk and the actions package, without Rasa.
#   docker build -f deploy/docker/actions.Dockerfile -t imvo-actions .
# Only requirements/actions.txt is installed (tests/test_requirements.py checks it covers the imports).
FROM python:3.10.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SQLALCHEMY_SILENCE_UBER_WARNING=1
WORKDIR /app
COPY requirements/actions.txt requirements/constraints.txt requirements/
RUN pip install --no-cache-dir -r requirements/actions.txt -c requirements/constraints.txt \
    && useradd --create-home --uid 1001 actions
COPY actions/ actions/
COPY entrypoints/__init__.py entrypoints/action_server.py entrypoints/threaded_actions.py entrypoints/warm_up.py entrypoints/
COPY alembic.ini company.yml ./
COPY demo/ demo/
USER actions
EXPOSE 5055
CMD ["python", "-m", "entrypoints.action_server", "--port", "5055"]
