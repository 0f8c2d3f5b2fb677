"""Build sieb's optional compiled core: `sieb._blockwalk` (see src/sieb/blockwalk.py),
`sieb._textcounts` (see src/sieb/textcounts.py), `sieb._classtokens` (see src/sieb/signals.py),
`sieb._langwalk` (see src/sieb/langwalk.py), `sieb._utf8` (see src/sieb/decode.py),
and text mode's `sieb.text._measure`, `sieb.text._rules`, `sieb.text._matrix` and
`sieb.text._assemble` (see src/sieb/text/lines.py, roles.py, model.py, assemble.py).

Every extension is optional: when Cython or a C compiler is missing, or a build fails, sieb is
installed without it and runs the pure-Python twin, with the same output (`sieb.blocks.COMPILED`
is then False for the walk).

Profile-guided optimisation: where pgo/manifest.json holds a GCC profile of an extension that
was recorded from the same sources, by the same GCC and Cython versions (`python -m
training.pgo` records them from scrapinghub's pages and the repository's own), the extension is
compiled with it (-fprofile-use): the same code, laid out and inlined for the paths real pages
take. Otherwise, or when that compile fails, it is compiled as before. SIEB_PGO=off turns it
off; SIEB_PGO=generate builds instrumented extensions (for training.pgo).
"""

import functools
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

PROFILES = Path(__file__).parent / "pgo"
# Where a profiled extension is compiled, relative to the repository, in training and in use
# alike: GCC tells a file's static functions apart in a profile by the object file's path.
PROFILE_BUILD_TEMP = os.path.join("build", "pgo-temp")
# (compile flags, link flags) to record a profile, and to build with one
_GENERATE = (["-fprofile-generate", "-fprofile-update=single"], ["-fprofile-generate"])
_USE = (["-fprofile-use", "-fprofile-partial-training", "-Wno-missing-profile"], [])


class OptionalBuildExt(build_ext):
    """build_ext that warns instead of failing (setuptools' `optional` is ignored when editable),
    and compiles with a recorded profile where one fits (see the module docstring)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler at all
            _skip(error)

    def build_extension(self, ext: Extension) -> None:
        flags = _profile_flags(self, ext)
        if flags:
            try:
                _build_with(self, ext, *flags)
                return
            except Exception as error:  # the compiler does not take the profile
                print(f"sieb: {ext.name} without its profile ({error})")
        try:
            super().build_extension(ext)
        except Exception as error:  # the compile or link failed
            _skip(error)


def _build_with(
    build: build_ext, ext: Extension, compile_flags: list[str], link_flags: list[str]
) -> None:
    """build_ext.build_extension of `ext` with extra compile and link flags, its object file
    under PROFILE_BUILD_TEMP."""
    extra_compile, extra_link = list(ext.extra_compile_args), list(ext.extra_link_args)
    build_temp = build.build_temp
    ext.extra_compile_args = extra_compile + compile_flags
    ext.extra_link_args = extra_link + link_flags
    build.build_temp = PROFILE_BUILD_TEMP
    try:
        build_ext.build_extension(build, ext)
    finally:
        ext.extra_compile_args, ext.extra_link_args = extra_compile, extra_link
        build.build_temp = build_temp


def _profile_flags(build: build_ext, ext: Extension) -> tuple[list[str], list[str]] | None:
    """The (compile, link) flags to build `ext` with: _GENERATE under SIEB_PGO=generate; _USE
    when pgo/ holds a profile of `ext` that fits (put where GCC looks for it: beside the object
    file); else None."""
    mode = os.environ.get("SIEB_PGO", "use")
    if mode == "generate":
        return _GENERATE
    if mode != "use":
        return None
    try:
        manifest = json.loads((PROFILES / "manifest.json").read_text())
        recorded = manifest["extensions"][ext.name]
    except (OSError, ValueError, KeyError):
        return None
    if (
        manifest.get("gcc") != compiler_version(build)
        or manifest.get("cython") != cython_version()
        or recorded != sources_digest(ext.name)
    ):
        print(f"sieb: the profile of {ext.name} does not fit this build; compiled without it")
        return None
    objects = build.compiler.object_filenames(ext.sources[:1], output_dir=PROFILE_BUILD_TEMP)
    target = Path(objects[0]).with_suffix(".gcda")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROFILES / f"{ext.name}.gcda", target)
    return _USE


def compiler_version(build: build_ext) -> str | None:
    """`gcc -dumpfullversion` of the build's C compiler when it is GCC, else None."""
    command = getattr(build.compiler, "compiler_so", None)
    return gcc_version(command[0]) if command else None


@functools.lru_cache(maxsize=4)
def gcc_version(compiler: str) -> str | None:
    """`compiler -dumpfullversion` when `compiler` is GCC, else None."""
    try:
        found = subprocess.run([compiler, "--version"], capture_output=True, text=True, timeout=30)
        version = subprocess.run(
            [compiler, "-dumpfullversion"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if "Free Software Foundation" not in found.stdout:  # clang answers -dumpfullversion too
        return None
    return version.stdout.strip() or None


def cython_version() -> str | None:
    try:
        import Cython
    except ImportError:
        return None
    return Cython.__version__


def sources_digest(name: str) -> str:
    """sha256 over the Cython sources of extension `name` (its .pyx and the files extension_list
    says it depends on, relative to the repository): what the generated C, and so the
    profile, follows from."""
    (ext,) = (ext for ext in extension_list() if ext.name == name)
    digest = hashlib.sha256()
    for path in sorted({*ext.sources, *ext.depends}):
        digest.update(path.encode() + b"\0" + (Path(__file__).parent / path).read_bytes())
    return digest.hexdigest()


def _skip(error: Exception) -> None:
    print(f"sieb: building without the compiled core ({error})")


def extension_list() -> list[Extension]:
    """The compiled core's extensions, from their Cython sources."""
    return [
        Extension(
            "sieb._blockwalk",
            ["src/sieb/_blockwalk.pyx"],
            depends=[
                "src/sieb/_lexbor.pxd", "src/sieb/_elementsignal.pxd", "src/sieb/_slots.pxd"
            ],
            optional=True,
        ),
        Extension(
            "sieb._parthints",
            ["src/sieb/_parthints.pyx"],
            depends=["src/sieb/_lexbor.pxd"],
            optional=True,
        ),
        Extension(
            "sieb._textcounts",
            ["src/sieb/_textcounts.pyx"],
            depends=["src/sieb/_slots.pxd"],
            optional=True,
        ),
        Extension(
            "sieb._classtokens",
            ["src/sieb/_classtokens.pyx"],
            depends=["src/sieb/_elementsignal.pxd"],
            optional=True,
        ),
        Extension("sieb._langwalk", ["src/sieb/_langwalk.pyx"], optional=True),
        Extension("sieb._utf8", ["src/sieb/_utf8.pyx"], optional=True),
        Extension(
            "sieb.text._measure",
            ["src/sieb/text/_measure.pyx"],
            depends=["src/sieb/text/_texthash.pxd"],
            optional=True,
        ),
        Extension(
            "sieb.text._rules",
            ["src/sieb/text/_rules.pyx"],
            depends=[
                "src/sieb/text/_chars.pxd", "src/sieb/text/_spans.pxd",
                "src/sieb/text/_texthash.pxd",
            ],
            optional=True,
        ),
        Extension(
            "sieb.text._matrix",
            ["src/sieb/text/_matrix.pyx"],
            depends=["src/sieb/text/_spans.pxd"],
            optional=True,
        ),
        Extension(
            "sieb.text._assemble",
            ["src/sieb/text/_assemble.pyx"],
            depends=["src/sieb/_slots.pxd", "src/sieb/text/_chars.pxd"],
            optional=True,
        ),
        Extension("sieb.corpus._shingles", ["src/sieb/corpus/_shingles.pyx"], optional=True),
    ]


def _extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("sieb: Cython is not installed; building without the compiled core")
        return []
    try:
        return cythonize(extension_list(), language_level=3, quiet=True)
    except Exception as error:  # a failed translation must not fail the install
        _skip(error)
        return []


if __name__ == "__main__":  # as pip's build backend and `python setup.py` run it; importable
    setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
