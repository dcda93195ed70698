"""The command line: ``python -m core init|demo|kpis``. It parses arguments and calls ``core``.

The modules of the other commands (import, deck, bench, users and privacy) are imported only
when their command runs or help lists every command: ``kpis --json`` must start in well
under a second, and python-pptx and the importers alone take a few tenths of one.
"""
import argparse
import datetime as dt
import importlib
import json
import sqlite3
import sys
from pathlib import Path

from core import i18n, kpis, store
from core.backup import StoreProblem
from core.filters import DEFAULT_PERIOD, PERIODS, for_period

# Commands defined here, which need none of the modules below.
OWN_COMMANDS = ("init", "demo", "backup", "restore", "check", "kpis")
# Commands of other modules: name -> (module, its function that adds the subparsers).
MODULE_COMMANDS = {
    "import": ("core.importers.cli", "add_parser"),
    "deck": ("core.steering.deck", "add_parser"),
    "bench": ("bench.measure", "add_parser"),   # outside core: see bench/
    **{name: ("core.access_cli", "add_parsers")
       for name in ("user", "erase", "person-export", "retention")},
}


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def _command_modules(argv):
    """The modules whose subcommands the parser needs for ``argv``: none for this module's
    own commands, the command's module for another's, and all of them otherwise (help, or
    a mistyped command, lists every command)."""
    command = argv[0] if argv else None
    if command in OWN_COMMANDS:
        return []
    if command in MODULE_COMMANDS:
        return [MODULE_COMMANDS[command]]
    return list(dict.fromkeys(MODULE_COMMANDS.values()))


def build_parser(argv=None):
    """The argument parser for ``argv`` (the arguments after ``python -m core``; default
    ``sys.argv[1:]``); see ``_command_modules`` for which commands it holds."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m core", description="Draagvlak store and KPIs.")
    db_help = "store path (default: $DRAAGVLAK_DB, else data/draagvlak.db)"
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create an empty store (or upgrade an existing one)")
    init.add_argument("--db", help=db_help)

    demo = sub.add_parser("demo", help="fill a new store with the demo company")
    demo.add_argument("--db", help=db_help)
    demo.add_argument("--employees", type=_positive, default=140)
    demo.add_argument("--months", type=_positive, default=12)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--end", type=_date, help="last day of demo data (default: end of last month)")
    demo.add_argument("--replace", action="store_true", help="delete an existing store first")

    bk = sub.add_parser("backup", help="copy the store (safe while the app runs)")
    bk.add_argument("--db", help=db_help)
    bk.add_argument("--to", help="file to write (default: a new file in backups/ beside the store)")

    rs = sub.add_parser("restore", help="put a backup in the store's place (the replaced state is kept)")
    rs.add_argument("backup", nargs="?", help="backup file (default: the newest usable backup)")
    rs.add_argument("--db", help=db_help)
    rs.add_argument("--yes", action="store_true",
                    help="do not ask (what will be lost is still printed)")

    ck = sub.add_parser("check", help="check the store's integrity (reads every page)")
    ck.add_argument("--db", help=db_help)

    for module, add in _command_modules(argv):
        getattr(importlib.import_module(module), add)(sub)

    kp = sub.add_parser("kpis", help="print the KPIs")
    kp.add_argument("--db", help=db_help)
    kp.add_argument("--json", action="store_true", help="print one JSON object")
    kp.add_argument("--as-of", type=_date, help="last day that counts (default: latest data)")
    kp.add_argument("--period", choices=PERIODS[:-1], default=DEFAULT_PERIOD,
                    help=f"period ending on as-of (default: {DEFAULT_PERIOD})")
    kp.add_argument("--department", action="append", default=[],
                    help="only this department (repeat for several)")
    return parser


def main(argv=None):
    """Run the command line; return the exit code. A store problem (SQLite cannot read the
    store, the disk is full, a backup is no store) is a translated message on stderr and
    exit code 1, never a traceback."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    path = store.resolve_path(args.db)
    try:
        return _run(args, path)
    except StoreProblem as problem:
        return _fail(problem, path)
    except sqlite3.Error as exc:
        from core.backup import problem_of

        return _fail(problem_of(exc), path)


def _fail(problem, path, lang=None):
    """Print ``problem`` (about the file at ``path``) as a translated error; return 1."""
    lang = lang or i18n.env_lang()
    message = i18n.t(f"damaged.{problem.code}", lang, path=path)
    print(i18n.t("cli.error", lang, message=message), file=sys.stderr)
    if problem.code in ("damaged", "integrity", "not_sqlite"):
        print(i18n.t("cli.hint.restore", lang), file=sys.stderr)
    return 1


def _run(args, path):
    if args.command == "init":
        s = store.Store(path)
        print(f"store ready: {path}")
        s.close()
        return 0
    if args.command == "demo":
        return _demo(args, path)
    if args.command in MODULE_COMMANDS:
        return importlib.import_module(MODULE_COMMANDS[args.command][0]).run(args)
    if args.command in ("backup", "restore", "check"):
        return _backup_command(args, path)
    return _kpis(args, path)


def _backup_command(args, path):
    from core import backup

    lang = i18n.env_lang()
    if args.command == "check":
        backup.check(path)
        print(i18n.t("cli.check.ok", lang, path=path))
        return 0
    if not path.exists():
        print(i18n.t("cli.error", lang, message=i18n.t("cli.no_store", lang, path=path)),
              file=sys.stderr)
        return 1
    if args.command == "backup":
        try:
            written = backup.backup(path, to=args.to, reason=None if args.to else "manual")
        except FileExistsError:
            print(i18n.t("cli.error", lang, message=i18n.t("cli.backup.exists", lang, path=args.to)),
                  file=sys.stderr)
            return 1
        print(i18n.t("cli.backup.done", lang, path=written))
        return 0
    return _restore(args, path, lang)


def _restore(args, path, lang):
    """``restore``: check the backup, print what restoring it loses, ask, then restore."""
    from core import access, backup, restore

    if args.backup is not None:
        source = Path(args.backup)
        if not source.exists():
            return _fail(backup.StoreProblem("missing"), source, lang)
        try:
            losses = restore.restore_losses(path, source)
        except backup.StoreProblem as problem:
            return _fail(problem, source, lang)
    else:
        # The newest backup that is a sound store; any other is named and passed over.
        source = losses = None
        for candidate in backup.list_backups(path):
            try:
                losses = restore.restore_losses(path, candidate["path"])
            except backup.StoreProblem:
                print(i18n.t("cli.restore.skipped", lang, path=candidate["path"]), file=sys.stderr)
                continue
            source = candidate["path"]
            break
        if source is None:
            print(i18n.t("cli.error", lang, message=i18n.t("cli.restore.none", lang, path=path)),
                  file=sys.stderr)
            return 1
    taken = backup.taken_at(source)
    print(i18n.t("cli.restore.from", lang, path=source,
                 when=i18n.fmt_datetime(taken, lang) if taken else "–"))
    for line in restore.describe_losses(losses, lang):
        print(line)
    if not args.yes:
        try:
            answer = input(i18n.t("cli.restore.ask", lang))
        except (EOFError, OSError):     # no terminal to answer on: do not restore
            answer = ""
        if answer.strip().lower() not in {i18n.t("cli.restore.answer", lang), "yes", "ja", "y", "j"}:
            print(i18n.t("cli.restore.cancelled", lang))
            return 1
    kept = restore.restore(path, source, actor=access.SYSTEM)
    print(i18n.t("cli.restore.done", lang, backup=source, path=path))
    if kept:
        print(i18n.t("cli.restore.kept", lang, kept=kept))
    return 0


def _demo(args, path):
    from core import demo

    if args.replace:
        remove_store(path)
    s = store.Store(path)
    try:
        counts = demo.build_demo(s, employees=args.employees, months=args.months,
                                 seed=args.seed, end=args.end)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        s.close()
    print(f"demo store written: {path}")
    for name, count in counts.items():
        print(f"  {name}: {count}")
    return 0


def remove_store(path):
    """Delete a store file with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.unlink()


def _kpis(args, path):
    lang = i18n.env_lang()
    if not path.exists():
        print(i18n.t("cli.error", lang, message=i18n.t("cli.no_store", lang, path=path)),
              file=sys.stderr)
        return 1
    s = store.Store(path)      # a store problem: main prints it
    db = s.read()
    unknown = sorted(set(args.department) - set(kpis.departments(db)))
    if unknown:
        print(f"error: unknown department(s): {', '.join(unknown)}; known: "
              f"{', '.join(kpis.departments(db))}", file=sys.stderr)
        return 1
    as_of = args.as_of or kpis.data_as_of(db) or dt.date.today()
    f = for_period(args.period, as_of, args.department)
    result = kpis.summary(db, f)
    s.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(result)
    return 0


def _print_text(result):
    # The one number style (core.i18n), in English: "3,846", "−15".
    from core import i18n

    def pct(v):
        return i18n.fmt_pct(v, "en")

    def count(v):
        return i18n.fmt_count(v, "en")

    acc, adopt = result["acceptance_rate"], result["adoption_rate"]
    print(f"as of {result['as_of']}")
    print(f"acceptance rate   {pct(acc['value'])} (n={count(acc['n'])}, wave {acc['wave']})")
    print(f"adoption rate     {pct(adopt['value'])} ({count(adopt['active'])}/{count(adopt['eligible'])}, "
          f"{adopt['window_days']} days)")
    print(f"fear index        {pct(result['fear_index']['value'])}")
    print(f"eNPS              {i18n.fmt_points(result['enps']['value'], 'en')}")
    for row in result["time_saved"]:
        print(f"time saved        {row['use_case']}: {pct(row['value'])}")
    st = result["stakeholders"]
    print(f"stakeholders      {st['key_champions']} key champions, {st['critical_blockers']} "
          f"critical blockers, {st['overdue']} overdue")
