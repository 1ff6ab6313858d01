"""Smoke test of a built bundle (dist/postdesk/): run it the way a user would, on a machine
without a display, with HOME, XDG_*, POSTDESK_HOME and TMPDIR pointing into a temporary home.

    python packaging/smoke_test.py [BUNDLE]        (default: dist/postdesk; `make smoke-test`)

Checks, each reported as passed or failed:
0. The bundle carries all of resources/, byte for byte.
1. `postdesk --version` says the version of the source it was built from.
2. `postdesk render` of each sample post, and `render --page` of one, give the same bytes as the
   same commands run from source (`python -m desktop_app`).
   `postdesk site --json` of an Astro site reads its TypeScript schema as from source (the
   tree-sitter grammar is in the bundle).
3. `postdesk render --pdf` writes a PDF (QtWebEngine printing, offscreen).
4. `postdesk --self-test`: the main window on the sample blog, the preview rendered, exit 0.
5. `postdesk --install-desktop` / `--uninstall-desktop` into the temporary XDG_DATA_HOME.
6. Spell checking: `postdesk spell` finds the system's Enchant and its en_US Hunspell dictionary
   from inside the bundle (loaded next to the bundle's own libraries) and flags misspelt words
   with the same suggestions as from source.
7. The bundle wrote nothing outside the temporary home:
   - snapshots before and after: the bundle folder (every file's size and time), the real home's
     config, data, cache and state folders (their entries' names and times) and the entries of
     /tmp and /dev/shm: nothing new or changed may remain;
   - with strace installed, every file the bundle's processes (QtWebEngine's helpers and git
     included) created, opened for writing, renamed or deleted, while they ran: all must be
     inside the temporary home, or in /dev/shm (Chromium's shared memory, gone at exit).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample-blog"
# Two misspellings among known words: what `postdesk spell` must flag in the bundle as from source.
SPELLING_WORDS = ("teh", "writers", "recieve", "drafts")
# Writes here are not writes to the machine: the null device, terminals, the process's own /proc.
HARMLESS_WRITE_PREFIXES = ("/dev/null", "/dev/tty", "/dev/pts/", "/proc/", "/dev/shm/")
WRITE_CALLS = ("open", "openat", "creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink",
               "unlinkat", "rmdir", "link", "linkat", "symlink", "symlinkat", "truncate")


@dataclass
class Results:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        (self.passed if ok else self.failed).append(name)
        print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}", flush=True)
        return ok


# --- the environment ------------------------------------------------------------------------------

def temporary_environment(home: Path) -> dict[str, str]:
    """The user's environment with every per-user and temporary folder inside `home`, and no display
    (the bundle must pick the offscreen platform, and Chromium's flags, by itself)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QTWEBENGINE_CHROMIUM_FLAGS",
                          "PYTHONPATH", "PYTHONHOME")}
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "POSTDESK_HOME": str(home / "postdesk"),
        "TMPDIR": str(home / "tmp"),
    })
    for name in ("runtime", "tmp"):
        (home / name).mkdir(mode=0o700)
    return env


# --- snapshots ------------------------------------------------------------------------------------

def tree_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under `folder`: its size and modification time."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        found[str(path)] = (info.st_size, info.st_mtime_ns)
    return found


def entries_snapshot(folders: list[Path]) -> dict[str, int]:
    """The entries directly inside each folder with their modification times (a new file deeper
    down shows as a changed time of the entry holding it)."""
    found = {}
    for folder in folders:
        try:
            for entry in os.scandir(folder):
                found[entry.path] = entry.stat(follow_symlinks=False).st_mtime_ns
        except OSError:
            continue
    return found


def real_home_folders() -> list[Path]:
    home = Path.home()
    folders = [home]
    for variable, default in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                              ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        folders.append(Path(os.environ.get(variable) or home / default))
    return folders


def differences(before: dict, after: dict) -> list[str]:
    changed = [f"new {path}" for path in after if path not in before]
    changed += [f"changed {path}" for path in after if path in before and after[path] != before[path]]
    changed += [f"removed {path}" for path in before if path not in after]
    return sorted(changed)


# --- strace ---------------------------------------------------------------------------------------

_LINE = re.compile(r"^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+)(?:<(.*?)>)?")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_FD_PATH = re.compile(r"^\d+<(.*)>$")


def written_paths(trace: str) -> set[str]:
    """The paths that successful calls in an `strace -f -y` log created, wrote, renamed or removed.
    Relative paths are resolved against each process's working folder, followed through chdir and
    inherited by children."""
    cwd: dict[str, str] = {}
    written: set[str] = set()
    for line in trace.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        pid, call, args, result, result_path = match.groups()
        if result.startswith("-"):
            continue
        here = cwd.get(pid, "/")
        if call in ("clone", "clone3", "fork", "vfork"):
            cwd[result] = here
        elif call == "chdir":
            cwd[pid] = _resolve(here, _unquote(_STRING.findall(args)[0]))
        elif call == "fchdir":
            fd = _FD_PATH.match(args.strip())
            if fd:
                cwd[pid] = fd.group(1)
        elif call in WRITE_CALLS:
            written.update(_targets(call, args, result_path, here))
    return written


def _targets(call: str, args: str, result_path: str | None, here: str) -> list[str]:
    if call in ("open", "openat", "creat"):
        flags = args.split(",")[2 if call == "openat" else 1] if call != "creat" else "O_CREAT"
        if not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", flags):
            return []
        if result_path:
            return [result_path]
    parts = _split_args(args)
    paths, base = [], here
    for part in parts:
        fd = _FD_PATH.match(part)
        if part == "AT_FDCWD":
            base = here
        elif fd:
            base = fd.group(1)
        elif part.startswith('"'):
            paths.append(_resolve(base, _unquote(part[1:-1])))
            base = here
    if call in ("symlink", "symlinkat", "link", "linkat"):
        paths = paths[-1:]  # the new name; the target is only read
    return paths


def _split_args(args: str) -> list[str]:
    """Top-level arguments: commas inside quotes, brackets or fd annotations do not split."""
    parts, depth, quoted, current = [], 0, False, ""
    for index, char in enumerate(args):
        if quoted:
            current += char
            if char == '"' and args[index - 1] != "\\":
                quoted = False
            continue
        if char == '"':
            quoted = True
        elif char in "[{<":
            depth += 1
        elif char in "]}>":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def _unquote(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _resolve(base: str, path: str) -> str:
    return os.path.normpath(os.path.join(base, path))


def _touched(entry: str, written: set[str]) -> bool:
    """Whether a traced write was this entry or inside it."""
    return any(path == entry or path.startswith(entry + os.sep) for path in written)


def outside(paths: set[str], home: Path) -> list[str]:
    inside = (str(home), str(home.resolve()))
    return sorted(path for path in paths
                  if not any(path == root or path.startswith(root + os.sep) for root in inside)
                  and not path.startswith(HARMLESS_WRITE_PREFIXES))


# --- running --------------------------------------------------------------------------------------

class Runner:
    """Runs the bundle (under strace when it is installed) and the source, in the temporary home."""

    def __init__(self, bundle: Path, env: dict[str, str], trace_dir: Path | None) -> None:
        self.executable = bundle / "postdesk"
        self.env = env
        self.trace_dir = trace_dir
        self.runs = 0

    def bundle(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
        command = [str(self.executable), *args]
        if self.trace_dir is not None:
            self.runs += 1
            log = self.trace_dir / f"run-{self.runs}.trace"
            command = ["strace", "-f", "-qq", "-y", "-s", "4096", "-o", str(log),
                       "-e", "trace=%file,%process,fchdir,creat", *command]
        return subprocess.run(command, env=self.env, cwd=self.env["HOME"], capture_output=True, timeout=timeout,
                              check=False)

    def source(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        env = {**self.env, "PYTHONPATH": str(ROOT)}
        return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env, cwd=self.env["HOME"],
                              capture_output=True, timeout=300, check=False)

    def traced_writes(self) -> set[str]:
        if self.trace_dir is None:
            return set()
        written: set[str] = set()
        for log in sorted(self.trace_dir.glob("*.trace")):
            written |= written_paths(log.read_text(encoding="utf-8", errors="replace"))
        return written


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    text = (result.stderr or b"").decode("utf-8", "replace").strip() or (result.stdout or b"").decode().strip()
    return f"exit {result.returncode}: {text[-800:]}"


def smoke_test(bundle: Path, use_strace: bool) -> Results:
    results = Results()
    if not (bundle / "postdesk").is_file():
        results.check("bundle exists", False, f"no {bundle / 'postdesk'}: run `make package` first")
        return results
    home = Path(tempfile.mkdtemp(prefix="postdesk-smoke-home-"))
    trace_dir = Path(tempfile.mkdtemp(prefix="postdesk-smoke-trace-")) if use_strace else None
    try:
        env = temporary_environment(home)
        runner = Runner(bundle, env, trace_dir)
        watched = [Path("/tmp"), Path("/dev/shm"), *real_home_folders()]
        bundle_before, watched_before = tree_snapshot(bundle), entries_snapshot(watched)
        _run_checks(results, runner, home)
        bundle_after, watched_after = tree_snapshot(bundle), entries_snapshot(watched)
        results.check("the bundle folder is unchanged", bundle_before == bundle_after,
                      "; ".join(differences(bundle_before, bundle_after)[:10]))
        traced = runner.traced_writes() if trace_dir is not None else None
        ignored = {str(home), str(trace_dir)}
        left = [line for line in differences(watched_before, watched_after) if line.split(" ", 1)[1] not in ignored]
        if traced is not None:
            # strace says who wrote: an entry no process of the bundle touched is another program's.
            others = [line for line in left if not _touched(line.split(" ", 1)[1], traced)]
            left = [line for line in left if line not in others]
            if others:
                print(f"note: other programs changed {len(others)} entries meanwhile, e.g. {others[0]}")
        results.check("nothing new or changed in /tmp, /dev/shm or the real home's config, data, cache, state",
                      not left, "; ".join(left[:10]))
        if traced is not None:
            stray = outside(traced, home)
            results.check(f"strace: every file written by the bundle's processes ({runner.runs} runs) is in "
                          "the temporary home", not stray, "; ".join(stray[:10]))
        else:
            print("note: strace is not installed; only the snapshots checked where the bundle writes")
        mine = ("blog", "pdf", "runtime", "tmp")  # the smoke test's own folders
        written = sorted(str(path.relative_to(home)) for path in home.rglob("*")
                         if path.is_file() and path.relative_to(home).parts[0] not in mine)
        print(f"note: files the bundle left in the temporary home ({len(written)}): {', '.join(written[:8])}")
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if trace_dir is not None:
            shutil.rmtree(trace_dir, ignore_errors=True)
    return results


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _run_checks(results: Results, runner: Runner, home: Path) -> None:
    # 0. all of resources/ (preview page, icons, desktop entry, sample blog with its dotfiles)
    bundled, source_files = files_of(runner.executable.parent / "_internal" / "resources"), files_of(ROOT / "resources")
    differing = sorted(set(bundled) ^ set(source_files) | {name for name in bundled if bundled[name] != source_files.get(name)})
    results.check(f"the bundle's resources/ is the source's ({len(source_files)} files)", not differing,
                  ", ".join(differing[:5]))

    # 1. --version
    version = runner.bundle("--version")
    expected = runner.source("--version")
    results.check("--version", version.returncode == 0 and version.stdout == expected.stdout
                  and version.stdout.startswith(b"postdesk "),
                  f"bundle {version.stdout.decode().strip()!r}, source {expected.stdout.decode().strip()!r}")

    # 2. render, byte for byte as from source, in a git repository like a user's
    blog = home / "blog"
    shutil.copytree(SAMPLE, blog)
    subprocess.run(["git", "init", "-q", str(blog)], check=True, env=runner.env)
    posts = sorted((blog / "posts").glob("*.md"))
    mismatched = []
    for post in posts:
        frozen, source = runner.bundle("render", str(post)), runner.source("render", str(post))
        if frozen.returncode != 0 or source.returncode != 0 or frozen.stdout != source.stdout or not frozen.stdout:
            mismatched.append(f"{post.name} ({_said(frozen)})")
    results.check(f"render of {len(posts)} sample posts: the same bytes as from source", bool(posts) and not mismatched,
                  "; ".join(mismatched[:3]))
    page, page_source = runner.bundle("render", "--page", str(posts[0])), runner.source("render", "--page", str(posts[0]))
    results.check("render --page (site CSS inlined from the bundle's resources): the same bytes as from source",
                  page.returncode == 0 and page.stdout == page_source.stdout and b"<style" in page.stdout,
                  _said(page) if page.returncode else f"{len(page.stdout)} bytes")

    # 2b. a site's TypeScript schema read with the bundled tree-sitter grammar, as from source
    astro = home / "astro-site"
    (astro / "src" / "content" / "blog").mkdir(parents=True)
    (astro / "package.json").write_text('{"dependencies": {"astro": "^5.0.0"}}', encoding="utf-8")
    (astro / "src" / "content.config.ts").write_text(
        "import { defineCollection, z } from 'astro:content';\n"
        "const blog = defineCollection({ schema: z.object({ title: z.string(), draft: z.boolean().default(true) }) });\n"
        "export const collections = { blog };\n", encoding="utf-8")
    (astro / "src" / "content" / "blog" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    site, site_source = runner.bundle("site", str(astro), "--json"), runner.source("site", str(astro), "--json")
    results.check("site --json reads an Astro schema (tree-sitter's TypeScript grammar is bundled)",
                  site.returncode == 0 and site.stdout == site_source.stdout and b'"draft"' in site.stdout,
                  _said(site))

    # 3. PDF printing through QtWebEngine, offscreen
    out = home / "pdf"
    pdf = runner.bundle("render", "--pdf", str(posts[0]), "-o", str(out))
    written = sorted(out.glob("*.pdf"))
    results.check("render --pdf writes a PDF", pdf.returncode == 0 and len(written) == 1
                  and written[0].read_bytes().startswith(b"%PDF"), _said(pdf) if pdf.returncode else written[0].name)

    # 4. the GUI self-test, timed from outside too
    start = time.monotonic()
    test = runner.bundle("--self-test", "--timeout", "120")
    seconds = time.monotonic() - start
    results.check("--self-test (main window, sample blog, preview rendered, offscreen)", test.returncode == 0,
                  f"{test.stdout.decode().strip()} Whole run {seconds:.2f} s." if test.returncode == 0 else _said(test))

    # 5. the desktop entry, into the temporary XDG_DATA_HOME
    data = Path(runner.env["XDG_DATA_HOME"])
    installed = runner.bundle("--install-desktop")
    entry = data / "applications" / "io.github.postdesk.Postdesk.desktop"
    exec_line = next((line for line in entry.read_text().splitlines() if line.startswith("Exec=")), "") \
        if entry.is_file() else ""
    results.check("--install-desktop: entry, icons and metainfo in XDG_DATA_HOME, Exec is the bundle",
                  installed.returncode == 0 and exec_line == f"Exec={runner.executable.resolve()} %f"
                  and (data / "icons/hicolor/256x256/apps/io.github.postdesk.Postdesk.png").is_file()
                  and (data / "metainfo/io.github.postdesk.Postdesk.metainfo.xml").is_file(),
                  exec_line or _said(installed))
    if shutil.which("desktop-file-validate") and entry.is_file():
        valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False)
        results.check("desktop-file-validate on the installed entry", valid.returncode == 0,
                      (valid.stdout + valid.stderr).strip())
    removed = runner.bundle("--uninstall-desktop")
    left = [str(path) for path in data.rglob("*") if path.is_file() and "Postdesk" in path.name]
    results.check("--uninstall-desktop removes them", removed.returncode == 0 and not left, "; ".join(left))

    # 6. spell checking with the system's Enchant, loaded next to the bundle's libraries
    listed = runner.bundle("spell")
    results.check("spell: the bundle lists Enchant's en_US Hunspell dictionary",
                  listed.returncode == 0 and any(line.split()[:2] == [b"en_US", b"Hunspell"]
                                                 for line in listed.stdout.splitlines()),
                  _said(listed) if listed.returncode else listed.stdout.decode().strip().replace("\n", "; "))
    words = ("spell", "--lang", "en_US", *SPELLING_WORDS)
    checked, checked_source = runner.bundle(*words), runner.source(*words)
    results.check("spell: misspelt words flagged with suggestions, the same bytes as from source",
                  checked.returncode == 1 and checked.stdout == checked_source.stdout
                  and checked.stdout.startswith(b"teh: the, "),
                  checked.stdout.decode().strip().replace("\n", "; ") if checked.returncode == 1 else _said(checked))


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if not arg.startswith("--")]
    bundle = Path(args[0] if args else ROOT / "dist" / "postdesk").resolve()
    use_strace = "--no-strace" not in argv and shutil.which("strace") is not None
    start = time.monotonic()
    results = smoke_test(bundle, use_strace)
    print(f"smoke test of {bundle} took {time.monotonic() - start:.0f} s")
    print(f"smoke: {len(results.passed)} passed, {len(results.failed)} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
