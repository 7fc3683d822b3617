.PHONY: run test lint bench package fixture-store translations screenshots
run:
	./scripts/run
test:
	./scripts/test
lint:  # mypy: app (all but app/ui) and sync, the files [tool.mypy] in pyproject.toml names
	.venv/bin/ruff check app sync tests scripts && .venv/bin/python -m mypy --strict
bench:
	./scripts/bench
package:  # the station's Debian package, into dist/
	./scripts/package
fixture-store:
	.venv/bin/python -m tests.fixtures.make_store
translations:  # refresh the .ts sources from the code (keeps existing translations), then build the .qm files
	.venv/bin/pyside6-lupdate $$(find app/ui -name '*.py' | sort) -ts resources/translations/kinlink_es.ts -target-language es -no-obsolete
	bash -c 'source scripts/setup.sh && ensure_translations'
screenshots:
	./scripts/screenshots
