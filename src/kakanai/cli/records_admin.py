"""`kakanai stats`, `kakanai purge`, `kakanai audit verify`, `kakanai staff add|list` (registered by
kakanai.cli.records)."""

from __future__ import annotations

import argparse
import csv
import getpass
import os
import sys
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from kakanai.cli.common import EXIT_DOMAIN, CliError, parse_date_option, print_json
from kakanai.cli.records import add_db_option, current_staff, open_store, refuse_missing_database, store_call
from kakanai.oserror_text import os_reason

ROLES = ("clerk", "supervisor", "administrator")


def register(sub: Any) -> None:
    st = sub.add_parser("stats", help="受付の統計（件数・処理時間・印刷・職員の変更）。個人情報は含みません")
    st.add_argument("--from", dest="date_from", metavar="DATE", help="この日から（YYYY-MM-DD）")
    st.add_argument("--to", dest="date_to", metavar="DATE", help="この日まで（YYYY-MM-DD）")
    st.add_argument("--office", help="この庁舎だけ")
    st.add_argument("--municipality", help="市町村パラメータのファイル（--office の庁舎を確かめます）")
    fmt = st.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSONで出力")
    fmt.add_argument("--csv", action="store_true", help="CSVで出力")
    add_db_option(st)
    st.set_defaults(handler=run_stats)

    pg = sub.add_parser("purge", help="保存期間を過ぎた受付の個人情報を削除します（手続・時間・監査記録は残ります）")
    pg.add_argument("--older-than", type=int, metavar="DAYS", default=None,
                    help="保存期間の日数: 受付日の翌日から数えてこの日数を過ぎた受付（0は当日かぎり。既定: 環境変数 KAKANAI_RETENTION_DAYS、なければ市町村パラメータの"
                         "retention_days、既定の市町村パラメータでは30日）")
    pg.add_argument("--municipality", help="市町村パラメータのファイル（retention_days を読みます）")
    pg.add_argument("--json", action="store_true", help="JSONで出力")
    pg.add_argument("--staff", help="職員のログインID")
    add_db_option(pg)
    pg.set_defaults(handler=run_purge)

    au = sub.add_parser("audit", help="監査記録")
    au_sub = au.add_subparsers(dest="audit_command", required=True)
    ver = au_sub.add_parser("verify", help="監査記録の改ざん・削除を検査します")
    ver.add_argument("--json", action="store_true", help="JSONで出力")
    add_db_option(ver)
    ver.set_defaults(handler=run_audit_verify)

    sf = sub.add_parser("staff", help="職員（ログインと役割）")
    sf_sub = sf.add_subparsers(dest="staff_command", required=True)
    add = sf_sub.add_parser("add", help="職員を登録します（パスワードは入力を求めます）")
    add.add_argument("login", help="ログインID")
    add.add_argument("--name", required=True, help="表示名")
    add.add_argument("--role", choices=ROLES, default="clerk", help="役割（既定: clerk）")
    add.add_argument("--office", default="main", help="庁舎ID（既定: main）")
    add.add_argument("--municipality", help="市町村パラメータのファイル（--office の庁舎を確かめます）")
    add.add_argument("--password-stdin", action="store_true", help="パスワードを標準入力の1行目から読みます")
    add.add_argument("--by", help="登録する職員のログインID（監査記録に残ります）")
    add.add_argument("--json", action="store_true", help="JSONで出力")
    add_db_option(add)
    add.set_defaults(handler=run_staff_add)
    ls = sf_sub.add_parser("list", help="職員の一覧")
    ls.add_argument("--office", help="この庁舎だけ")
    ls.add_argument("--municipality", help="市町村パラメータのファイル（--office の庁舎を確かめます）")
    ls.add_argument("--json", action="store_true", help="JSONで出力")
    add_db_option(ls)
    ls.set_defaults(handler=run_staff_list)


def _day(value: str | None, option: str) -> date | None:
    return parse_date_option(value, option, reception_day=False) if value is not None else None


def run_stats(args: argparse.Namespace) -> int:
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise CliError("bad_date", f"--from（{date_from}）が --to（{date_to}）より後です")
    _check_office(args.office)
    store = open_store(args, create=False)
    try:
        stats = store_call(store.stats, date_from, date_to, args.office)
        if args.office and not stats.receptions:
            # 0 receptions is an answer only for an office that exists: a typo (branch-east) is refused.
            recorded = {c.key for c in store_call(store.stats, None, None, None).by_office}
            _refuse_unknown_office(args.office, args.municipality, recorded)
    finally:
        store.close()
    if args.json:
        print_json(stats.to_dict())
    elif args.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["section", "key", "count", "median_seconds", "p90_seconds"])
        out.writerow(["receptions", "all", stats.receptions, "", ""])
        for section in ("by_event", "by_procedure", "by_office", "by_day", "printed_forms"):
            for c in getattr(stats, section):
                out.writerow([section, c.key, c.count, "", ""])
        for d in stats.handling:
            out.writerow(["handling", d.key, d.count, d.median_seconds, d.p90_seconds])
        for o in stats.overrides:
            out.writerow([f"override_{o.action}", o.procedure, o.count, "", ""])
    else:
        sys.stdout.write(_stats_text(stats) + "\n")
    return 0


def _stats_text(stats: Any) -> str:
    period = f"{stats.date_from or '最初'} 〜 {stats.date_to or '最後'}"
    lines = [f"受付 {stats.receptions}件（{period}）"]

    def block(title: str, counts: Any) -> None:
        if counts:
            lines.append(f"■ {title}")
            lines.extend(f"  {c.key}: {c.count}" for c in counts)

    block("ライフイベント別", stats.by_event)
    block("庁舎別", stats.by_office)
    block("日別", stats.by_day)
    block("手続別", stats.by_procedure)
    block("印刷した様式", stats.printed_forms)
    if stats.handling:
        lines.append("■ 処理時間（秒） 中央値 / 90%")
        lines.extend(f"  {d.key}: {d.median_seconds} / {d.p90_seconds}（{d.count}件）" for d in stats.handling)
    if stats.overrides:
        lines.append("■ 職員による変更")
        lines.extend(f"  {'除外' if o.action == 'remove' else '追加'} {o.procedure}: {o.count}" for o in stats.overrides)
    return "\n".join(lines)


def _municipality(municipality: str | None) -> Any:
    """The municipality parameters of --municipality, else the default file."""
    from pathlib import Path

    from kakanai.paths import default_municipality_file
    from kakanai.rules import RuleFileError
    from kakanai.rules.municipality import load_municipality

    try:
        return load_municipality(Path(municipality) if municipality else default_municipality_file())
    except RuleFileError as exc:
        raise CliError("bad_rules", f"市町村パラメータの誤り: {exc}") from None
    except OSError as exc:
        raise CliError("bad_rules", f"市町村パラメータを読めません（{os_reason(exc)}）") from None


def _check_office(office: str | None) -> None:
    """An --office given empty, padded or with a control character is refused as `staff add` refuses it
    (store.check_label): an empty one read as "every office", a control character was echoed raw."""
    from kakanai.store import StaffError, check_label
    from kakanai.store.staff import OFFICE_MAX

    if office is not None:
        try:
            check_label(office, "庁舎ID", OFFICE_MAX)
        except StaffError as exc:
            raise CliError("bad_office", str(exc)) from None


def _refuse_unknown_office(office: str, municipality: str | None, recorded: AbstractSet[str] = frozenset()) -> None:
    """CliError for an office id neither the municipality parameters nor the records know (a typo would
    otherwise show 0 receptions, or register a clerk no counter can sign in to). The default office id
    ("main") is always known: a counter with no office set records under it."""
    from kakanai.store.types import DEFAULT_OFFICE

    offices = tuple(_municipality(municipality).offices)
    if office in {*offices, *recorded, DEFAULT_OFFICE}:
        return
    where = "市町村パラメータにも受付の記録にも" if recorded else "市町村パラメータに"
    raise CliError("unknown_office", f"--office の庁舎 {office} は{where}ありません（{'、'.join(offices)}）")


def _municipal_retention_days(municipality: str | None) -> int:
    """The municipality's `retention_days` parameter as of today (its values are keyed by date)."""
    value = _municipality(municipality).params_on(date.today()).get("retention_days")
    return _checked_days(value, f"市町村パラメータ retention_days（{municipality or '既定の市町村パラメータ'}）")


def _checked_days(value: object, source: str) -> int:
    from kakanai.store import RetentionError, check_days

    try:
        return check_days(value, source)
    except RetentionError as exc:
        raise CliError("bad_retention", str(exc)) from None


def _retention_days(explicit: int | None, municipality: str | None = None) -> int:
    if explicit is not None:
        return _checked_days(explicit, "--older-than")
    raw = os.environ.get("KAKANAI_RETENTION_DAYS")
    if not raw:
        return _municipal_retention_days(municipality)
    try:
        days = int(raw)
    except ValueError:
        raise CliError("bad_retention", f"KAKANAI_RETENTION_DAYS が整数ではありません（{raw}）") from None
    return _checked_days(days, "KAKANAI_RETENTION_DAYS")


def run_purge(args: argparse.Namespace) -> int:
    days = _retention_days(args.older_than, args.municipality)
    staff = current_staff(args.staff)
    store = open_store(args, create=False)
    try:
        result = store_call(store.purge, older_than_days=days, staff=staff)
    finally:
        store.close()
    if args.json:
        print_json({"purged": result.receptions, "older_than_days": days, "cutoff": result.cutoff.isoformat()})
    else:
        sys.stdout.write(f"{result.cutoff.isoformat()}より前の受付 {result.receptions}件の個人情報を削除しました"
                         f"（保存期間 {days}日）\n")
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    """Every problem is a line of the report (exit 3), including a schema this program cannot use: then
    the database is opened without migrating (verification never writes) and the chain checked as is."""
    from kakanai.store import NotMigrated, ReceptionStore, StoreConfigError, StoreError

    refuse_missing_database(args.db)
    try:
        store = ReceptionStore.open(args.db)
    except NotMigrated:
        store = ReceptionStore.connect(args.db)
    except StoreConfigError as exc:
        raise CliError("bad_db_url", str(exc)) from None
    except StoreError as exc:
        raise CliError("db_unavailable", str(exc), exit_code=EXIT_DOMAIN) from None
    try:
        report = store_call(store.verify_audit)
    finally:
        store.close()
    if args.json:
        print_json({"ok": report.ok, "entries": report.entries,
                    "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message, "reception_id": p.reception_id}
                                 for p in report.problems]})
    elif report.ok:
        sys.stdout.write(f"監査記録 {report.entries}件: 改ざん・削除はありません\n")
    else:
        sys.stdout.write(f"監査記録 {report.entries}件: 問題が {len(report.problems)}件あります\n")
        sys.stdout.write("".join(f"  {p.message}\n" for p in report.problems))
    return 0 if report.ok else EXIT_DOMAIN


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no_password", "パスワードは端末で入力するか --password-stdin で渡してください")
    first = getpass.getpass("パスワード: ")
    if first != getpass.getpass("もう一度: "):
        raise CliError("password_mismatch", "2回のパスワードが一致しません")
    return first


def run_staff_add(args: argparse.Namespace) -> int:
    from kakanai.store import Role, StaffError, check_label
    from kakanai.store.staff import LOGIN_MAX, NAME_MAX, OFFICE_MAX

    try:  # before the password prompt: a login that cannot be stored is refused at once
        for value, what, limit in ((args.login, "ログインID", LOGIN_MAX), (args.name, "表示名", NAME_MAX),
                                   (args.office, "庁舎ID", OFFICE_MAX)):
            check_label(value, what, limit)
    except StaffError as exc:
        raise CliError("bad_staff", str(exc)) from None
    _refuse_unknown_office(args.office, args.municipality)
    by = current_staff(args.by)
    password = _read_password(args.password_stdin)
    store = open_store(args)
    try:
        member = store_call(store.add_staff, office=args.office, login=args.login, display_name=args.name,
                            role=Role(args.role), password=password, by=by)
    except StaffError as exc:
        raise CliError("bad_staff", str(exc)) from None
    finally:
        store.close()
    if args.json:
        print_json({"id": member.id, "office": member.office, "login": member.login, "role": member.role.value})
    else:
        sys.stdout.write(f"{member.office} の職員 {member.login}（{member.display_name}、{member.role.label}）を登録しました\n")
    return 0


def run_staff_list(args: argparse.Namespace) -> int:
    _check_office(args.office)
    store = open_store(args, create=False)
    try:
        members = store_call(store.list_staff, args.office)
        if args.office and not members:
            _refuse_unknown_office(args.office, args.municipality, {m.office for m in store_call(store.list_staff, None)})
    finally:
        store.close()
    if args.json:
        print_json([{"office": m.office, "login": m.login, "name": m.display_name, "role": m.role.value,
                     "active": m.active} for m in members])
    elif not members:
        sys.stdout.write(f"{args.office + ' の' if args.office else ''}職員は登録されていません\n")
    else:
        for m in members:
            sys.stdout.write(f"{m.office}\t{m.login}\t{m.display_name}\t{m.role.label}{'' if m.active else '（無効）'}\n")
    return 0
