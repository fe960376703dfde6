import subprocess
import sys


def test_nlp_package_imports_no_django() -> None:
    code = (
        "import sys, jaganetral.screening.nlp, jaganetral.screening.nlp.postio, "
        "jaganetral.screening.nlp.training; print(any(m.startswith('django') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
