# The README's commands. `make demo` and `make test` each set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= demo-index
PORT   ?= 8080

.PHONY: demo test venv browser ocr lint clean sample-pdfs screenshots

$(BIN)/evidex: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

venv: $(BIN)/evidex

# Debian's chromium and chromedriver for the end-to-end browser tests.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing Debian chromium + chromium-driver for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; } || \
	  echo "WARNING: could not install chromium; the browser tests will be skipped" >&2; \
	fi

# Debian's Tesseract (English and Welsh) and poppler's pdftoppm: scanned pages are read by OCR.
ocr:
	@if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null || \
	    ! tesseract --list-langs 2>/dev/null | grep -qx cym || ! tesseract --list-langs 2>/dev/null | grep -qx eng; then \
	  echo "installing Debian tesseract-ocr (eng, cym) + poppler-utils for OCR of scanned pages"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym poppler-utils >/dev/null; } || \
	  echo "WARNING: could not install tesseract; scanned pages will be reported as needing OCR and the OCR tests skipped" >&2; \
	fi

## Index the sample corpus, answer a question, then serve the search page.
demo: venv ocr
	$(BIN)/evidex --index $(INDEX) index corpus/pdf corpus/other corpus/text
	$(BIN)/evidex --index $(INDEX) ask 'Which bodies commented on targets or financial penalties?'
	@echo
	@echo "Search page: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/evidex --index $(INDEX) serve --port $(PORT)

## Every test, the browser ones included.
test: venv browser ocr
	$(BIN)/python -m pytest -q

## The README's screenshots: the sample corpus answering plain questions, in headless chromium.
screenshots: venv browser
	$(BIN)/python tools/screenshots.py

sample-pdfs: venv
	$(BIN)/python tools/make_sample_corpus.py

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache *.egg-info
