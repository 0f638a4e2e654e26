#!/usr/bin/env bash
# Re-extract every translatable string into peerhaven/locale/peerhaven.pot and merge it
# into each language's peerhaven.po (new strings arrive empty, changed ones marked fuzzy),
# then compile each .po into the .mo the app reads.
# docs/translating.md explains the whole round; `make catalogs` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
LOCALE=peerhaven/locale
TEMPLATE=$LOCALE/peerhaven.pot

# _ and N_ take one message; ngettext a singular and a plural
"$VENV/bin/pybabel" --quiet extract -F babel.cfg --no-default-keywords \
    -k _ -k N_ -k ngettext:1,2 \
    --add-location=file --sort-by-file --no-wrap \
    --project=PeerHaven --copyright-holder="PeerHaven contributors" \
    --msgid-bugs-address="https://github.com/peerhaven" \
    -o "$TEMPLATE" peerhaven
# (the relay's server code puts no words through _: its answers stay English on the wire)

shopt -s nullglob
for po in "$LOCALE"/*/LC_MESSAGES/peerhaven.po; do
    language=$(basename "$(dirname "$(dirname "$po")")")
    "$VENV/bin/pybabel" --quiet update --no-wrap -D peerhaven -l "$language" \
        -i "$TEMPLATE" -d "$LOCALE" --ignore-obsolete
done
# the .mo files the app reads (fuzzy and untranslated entries left out: they read in English);
# tests/core/test_catalogs.py fails when one no longer matches its .po
"$VENV/bin/pybabel" --quiet compile -D peerhaven -d "$LOCALE"
echo "Catalogs updated; untranslated or fuzzy entries read in English until translated."
