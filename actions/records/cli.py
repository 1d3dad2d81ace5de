"""Command line for the data: `python -m actions.records.cli --help`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from actions.records import migrate, supplier_csv
from actions.records.database import database_url as default_database_url
from actions.records.database import session_scope
from actions.records.models import Supplier

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = PROJECT_ROOT / "demo" / "suppliers.csv"

url_option = click.option(
    "--database-url",
    envvar="DATABASE_URL",
    default=None,
    help="SQLAlchemy URL (default: DATABASE_URL, else the SQLite file var/imvo.db).",
)


def _prepare(url: Optional[str]) -> str:
    url = url or default_database_url()
    migrate.upgrade(url)
    return url


@click.group()
def main() -> None:
    """The supplier records of the IMVO step-3 assistant."""


@main.command("init-db")
@url_option
def init_db(database_url: Optional[str]) -> None:
    """Create or migrate the schema of the supplier database."""
    url = _prepare(database_url)
    click.echo(f"The database is up to date: {make_url(url).render_as_string(hide_password=True)}")


@main.command("import-suppliers")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change; write nothing.")
@url_option
def import_suppliers(file: Path, dry_run: bool, database_url: Optional[str]) -> None:
    """Import (add or update) suppliers from a CSV file in the documented format."""
    url = _prepare(database_url)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit=" rows", file=sys.stderr, desc="Comparing")

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    try:
        summary = supplier_csv.import_file(file, url, dry_run=dry_run, progress=progress)
    except supplier_csv.SupplierFileError as error:
        if bar is not None:
            bar.close()
        click.echo(f"Nothing was imported: {len(error.problems)} problem(s) in {file}:", err=True)
        for problem in error.problems[:200]:
            click.echo(f"  {problem}", err=True)
        if len(error.problems) > 200:
            click.echo(f"  ... and {len(error.problems) - 200} more", err=True)
        sys.exit(1)
    if bar is not None:
        bar.close()
    if dry_run:
        for change in summary.changes[:100]:
            click.echo(f"  {change}")
        if len(summary.changes) > 100:
            click.echo(f"  ... and {len(summary.changes) - 100} more")
    click.echo(summary.text())


@main.command("export-suppliers")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@url_option
def export_suppliers(file: Path, database_url: Optional[str]) -> None:
    """Write every supplier to a CSV file in the import format."""
    url = _prepare(database_url)
    count = supplier_csv.export_file(file, url)
    click.echo(f"{count} suppliers written to {file}.")


@main.command("load-demo")
@url_option
def load_demo(database_url: Optional[str]) -> None:
    """Load the demo suppliers when there are none yet."""
    url = _prepare(database_url)
    with session_scope(url) as session:
        count = session.execute(select(func.count(Supplier.id))).scalar()
    if count:
        click.echo(f"The database already has {count} suppliers; demo data not loaded.")
        return
    summary = supplier_csv.import_file(DEMO_FILE, url)
    click.echo(f"Demo data: {summary.text()}")


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@url_option
def backup_command(file: Path, database_url: Optional[str]) -> None:
    """Copy the embedded SQLite database to FILE (safe while the assistant runs)."""
    from actions.records.backup import BackupError, backup

    try:
        click.echo(f"Backup written to {backup(database_url or default_database_url(), file)}.")
    except BackupError as error:
        click.echo(f"No backup made: {error}.", err=True)
        sys.exit(1)


@main.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@url_option
def restore_command(file: Path, database_url: Optional[str]) -> None:
    """Replace the embedded SQLite database with a backup (stop the assistant first)."""
    from actions.records.backup import BackupError, restore

    try:
        click.echo(f"Database restored from {file} to {restore(database_url or default_database_url(), file)}.")
    except BackupError as error:
        click.echo(f"Nothing restored: {error}.", err=True)
        sys.exit(1)


@main.command("forget-conversation")
@click.argument("sender_id")
def forget_conversation_command(sender_id: str) -> None:
    """Delete everything stored of one conversation (its sender id) from the tracker store."""
    from actions.records.conversations import forget_conversation

    click.echo(f"{forget_conversation(sender_id)} stored events of conversation '{sender_id}' deleted.")


@main.command("purge-conversations")
@click.option("--older-than-days", type=click.FloatRange(min=0), required=True)
def purge_conversations_command(older_than_days: float) -> None:
    """Delete stored conversation events older than the given number of days."""
    from actions.records.conversations import purge_conversations

    click.echo(f"{purge_conversations(older_than_days)} stored events older than {older_than_days:g} days deleted.")


@main.command("prune-audit-log")
@click.option("--older-than-days", type=click.IntRange(min=1), default=None, help="Default: AUDIT_LOG_DAYS (365).")
@url_option
def prune_audit_log_command(older_than_days: Optional[int], database_url: Optional[str]) -> None:
    """Delete audit-log rows older than the retention period (docs/privacy.md)."""
    from actions.records import audit_log

    url = _prepare(database_url)
    days = older_than_days or audit_log.keep_days()
    click.echo(f"{audit_log.prune(days, url)} audit-log rows older than {days} days deleted.")


if __name__ == "__main__":
    main()
