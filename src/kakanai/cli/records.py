"""Records: `kakanai db upgrade|current`, `kakanai record RECEPTION.json`, `kakanai receptions show ID`.

Every command takes `--db URL` (default: KAKANAI_DB, else the embedded SQLite in the user's data
directory). stats, purge, audit and staff live in kakanai.cli.records_admin and are registered here.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from typing import Any

from kakanai.cli.common import EXIT_DOMAIN, CliError, print_json

DB_HELP = "データベースのURL（既定: 環境変数 KAKANAI_DB、なければ利用者データフォルダのSQLite）"


def add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help=DB_HELP)


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="記録用データベースの管理")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="データベースを最新の構成にします（空のデータベースも可）")
    add_db_option(up)
    up.set_defaults(handler=run_db_upgrade)
    cur = db_sub.add_parser("current", help="データベースの構成の版を表示します")
    add_db_option(cur)
    cur.set_defaults(handler=run_db_current)

    rec = sub.add_parser("record", help="受付データから手続を判定し、受付として記録します")
    rec.add_argument("reception", help="受付データ（JSON）のファイル。- で標準入力")
    rec.add_argument("--json", action="store_true", help="JSONで出力")
    rec.add_argument("--office", help="庁舎ID（既定: 受付データの office、なければ main）")
    rec.add_argument("--counter", help="窓口名（既定: このPCのホスト名）")
    rec.add_argument("--staff", help="職員のログインID（既定: 環境変数 KAKANAI_STAFF、なければOSの利用者名）")
    rec.add_argument("--municipality", help="市町村パラメータのファイル")
    add_db_option(rec)
    rec.set_defaults(handler=run_record)

    rcp = sub.add_parser("receptions", help="記録した受付の表示")
    rcp_sub = rcp.add_subparsers(dest="receptions_command", required=True)
    show = rcp_sub.add_parser("show", help="受付ID（案内票のQR）の受付を表示します")
    show.add_argument("id", help="受付ID")
    show.add_argument("--json", action="store_true", help="JSONで出力")
    add_db_option(show)
    show.set_defaults(handler=run_show)

    from kakanai.cli import records_admin

    records_admin.register(sub)


def open_store(args: argparse.Namespace, *, upgrade: bool | None = None, create: bool = True) -> Any:
    """`create=False` for a command that only reads the records (or purges them): a database that does not
    exist is said, not made (opening an SQLite file creates it and its folders: a mistyped --db made an
    empty database and reported 0 receptions)."""
    from kakanai.store import ReceptionStore, StoreConfigError, StoreError

    if not create:
        refuse_missing_database(args.db)
    try:
        return ReceptionStore.open(args.db, upgrade=upgrade)
    except StoreConfigError as exc:
        raise CliError("bad_db_url", str(exc)) from None
    except StoreError as exc:
        raise CliError("db_unavailable", str(exc), exit_code=EXIT_DOMAIN) from None


def refuse_missing_database(url: str | None) -> None:
    from kakanai.store.engine import StoreConfigError, missing_sqlite_file, resolve_url, sqlite_file

    try:
        path = missing_sqlite_file(resolve_url(url))
    except StoreConfigError as exc:  # a path the system refuses to look at (a name too long)
        raise CliError("bad_db_url", str(exc)) from None
    if path is not None:
        raise CliError("db_missing", f"受付の記録（データベース）がありません（{path}）。"
                                     "新しく作るときは kakanai db upgrade を実行してください")
    file = sqlite_file(resolve_url(url))
    if file is not None and file.is_file() and file.stat().st_size == 0:
        # An emptied file is no database: reading it would write a fresh schema into it, and `audit verify`
        # then reported 「改ざん・削除はありません」 for records that were all gone.
        raise CliError("db_empty", f"受付の記録（データベース）が空のファイルです（{file}）。kakanai のデータベースでは"
                                   "ありません（消えた、または別のファイル）。新しく作るときは kakanai db upgrade を実行してください",
                       EXIT_DOMAIN)


def store_call(action: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a store method; a database fault becomes one clear line, never a traceback."""
    from kakanai.store import StoreError

    try:
        return action(*args, **kwargs)
    except StoreError as exc:
        raise CliError("db_error", str(exc), exit_code=EXIT_DOMAIN) from None


def checked_label(value: str, what: str, limit: int) -> str:
    """A name that goes into the records and the audit (login, office, counter): refused with exit 2 when
    empty, padded, too long or holding a control character (kakanai.store.check_label)."""
    from kakanai.store import StaffError, check_label

    try:
        return check_label(value, what, limit)
    except StaffError as exc:
        raise CliError("bad_name", str(exc)) from None


def current_staff(explicit: str | None) -> str:
    from kakanai.store.staff import LOGIN_MAX

    if explicit:
        return checked_label(explicit, "--staff の職員ログインID", LOGIN_MAX)
    env = os.environ.get("KAKANAI_STAFF")
    if env:
        return checked_label(env, "環境変数 KAKANAI_STAFF の職員ログインID", LOGIN_MAX)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return "os:unknown"
    return checked_label(f"os:{user}", "OSの利用者名", LOGIN_MAX)


def run_db_upgrade(args: argparse.Namespace) -> int:
    store = open_store(args, upgrade=True)
    sys.stdout.write(f"データベースは最新の構成です（{store.description}）\n")
    store.close()
    return 0


def run_db_current(args: argparse.Namespace) -> int:
    from kakanai.store import ReceptionStore, StoreConfigError

    refuse_missing_database(args.db)
    try:
        store = ReceptionStore.connect(args.db)
    except StoreConfigError as exc:
        raise CliError("bad_db_url", str(exc)) from None
    current = store_call(store.revision)
    store.close()
    head = ReceptionStore.head_revision()
    state = "最新" if current == head else "要 kakanai db upgrade"
    sys.stdout.write(f"{current or '（空）'}（最新は {head}）: {state}\n")
    return 0 if current == head else EXIT_DOMAIN


def run_record(args: argparse.Namespace) -> int:
    """The reception id is always made here: the JSON's "id" is another system's key, kept as the
    external reference. The same reference again with the same content returns the first record (exit
    0, nothing written); with other content the store refuses it (exit 3)."""
    from kakanai.store import RecordInput, new_reception_id, utcnow
    from kakanai.store.schema import EXTERNAL_REF_MAX
    from kakanai.store.staff import COUNTER_MAX, OFFICE_MAX

    staff = current_staff(args.staff)
    counter = checked_label(args.counter, "--counter の窓口名", COUNTER_MAX) if args.counter else \
        socket.gethostname()[:COUNTER_MAX] or "unknown"
    if args.office is not None:  # empty: planned as "no office"; a control character: echoed raw
        checked_label(args.office, "庁舎ID", OFFICE_MAX)
    # The reception is read and checked first: a wrong file leaves no database behind (opening one makes it).
    reception, plan, office = _planned_at_office(args)
    office = checked_label(office, "庁舎ID", OFFICE_MAX)
    external = checked_label(reception.id, "受付データの id", EXTERNAL_REF_MAX) if reception.id else None
    store = open_store(args)  # a database that cannot keep the record is refused before anything is said
    try:
        if plan.questions:
            sys.stderr.write(f"kakanai: 注意: まだお聞きすることが {len(plan.questions)} 件あります（判定済みの手続を記録します）\n")
        now = utcnow()
        item = RecordInput(reception=reception, plan=plan, office=office, counter=counter, staff=staff,
                           started_at=now, finished_at=now, id=new_reception_id(), external_ref=external)
        result = store_call(store.record, item)
    finally:
        store.close()
    if args.json:
        print_json({"id": result.id, "number": result.number, "label": result.label, "office": result.office,
                    "business_day": result.business_day.isoformat(), "procedures": len(plan.procedures),
                    "external_ref": external, "repeated": result.repeated})
    elif result.repeated:
        sys.stdout.write(f"この受付（外部参照ID {external}）は記録済みです。新しくは記録していません\n"
                         f"受付番号 {result.label}（{result.office} {result.business_day.isoformat()}）\n"
                         f"受付ID {result.id}\n")
    else:
        sys.stdout.write(f"受付番号 {result.label}（{result.office} {result.business_day.isoformat()}）\n"
                         f"受付ID {result.id}\n" + (f"外部参照ID {external}\n" if external else "")
                         + f"手続 {len(plan.procedures)}件を記録しました\n")
    return 0


def _planned_at_office(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """The reception as sent, its plan and its office id. `--office` is where the reception took place: the
    plan is made for that office (kakanai.cli.plan.plan_reception_text)."""
    from kakanai.cli.plan import plan_reception_text

    book, reception, plan, _text = plan_reception_text(args, args.office)
    return reception, plan, args.office or reception.office or book.municipality.main_office.id


def run_show(args: argparse.Namespace) -> int:
    from kakanai.cli.records_view import reception_json, reception_text

    store = open_store(args, create=False)
    stored = store_call(store.load_reception, args.id)
    if stored is None:
        store.close()
        raise CliError("not_found", f"受付ID {args.id} の受付は記録されていません")
    events = store_call(store.audit_events, args.id)
    store.close()
    if args.json:
        print_json(reception_json(stored, events))
    else:
        sys.stdout.write(reception_text(stored) + "\n")
    return 0
