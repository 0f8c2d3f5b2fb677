"""Build sieb's optional compiled core (`sieb._blockwalk`, see src/sieb/blockwalk.py).

The extension is optional: when Cython or a C compiler is missing, or the build fails, sieb is
installed without it and runs its pure-Python walk (`sieb.blocks.COMPILED` is then False).
"""

from setuptools import Extension, setup


def _extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("sieb: Cython is not installed; building without the compiled core")
        return []
    extension = Extension("sieb._blockwalk", ["src/sieb/_blockwalk.pyx"], optional=True)
    try:
        return cythonize([extension], language_level=3, quiet=True)
    except Exception as error:  # a failed translation must not fail the install
        print(f"sieb: building without the compiled core ({error})")
        return []


setup(ext_modules=_extensions())
