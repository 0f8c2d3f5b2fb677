"""Build sieb's optional compiled core: `sieb._blockwalk` (see src/sieb/blockwalk.py),
`sieb._textcounts` (see src/sieb/textcounts.py), `sieb._classtokens` (see src/sieb/signals.py),
`sieb._langwalk` (see src/sieb/langwalk.py), `sieb._utf8` (see src/sieb/decode.py),
and text mode's `sieb.text._measure`, `sieb.text._rules`, `sieb.text._matrix` and
`sieb.text._assemble` (see src/sieb/text/lines.py, roles.py, model.py, assemble.py).

Every extension is optional: when Cython or a C compiler is missing, or a build fails, sieb is
installed without it and runs the pure-Python twin, with the same output (`sieb.blocks.COMPILED`
is then False for the walk).
"""

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """build_ext that warns instead of failing (setuptools' `optional` is ignored when editable)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler at all
            _skip(error)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # the compile or link failed
            _skip(error)


def _skip(error: Exception) -> None:
    print(f"sieb: building without the compiled core ({error})")


def _extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("sieb: Cython is not installed; building without the compiled core")
        return []
    extensions = [
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
    try:
        return cythonize(extensions, language_level=3, quiet=True)
    except Exception as error:  # a failed translation must not fail the install
        _skip(error)
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
