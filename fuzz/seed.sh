#!/usr/bin/env bash
# Builds the seed corpus of each fuzz target (fuzz/corpus/<target>/) from the repository's own
# fictional fixtures: tests/fixtures/**, examples/filings/** and tests/data/**. Real filings
# (/work/shared, or anything downloaded from EDGAR) are never used: the corpus stays in fuzz/corpus,
# which is git-ignored, and the seeds are rebuilt by running this script again.
#
#   fuzz/seed.sh            # all four targets
#   fuzz/seed.sh xml html   # only these
#
# Seeds by target:
#   text  plain-text filings (13D/13G, 10-Q, 8-K, S-8 ...) and the bad/ fixtures: every *.txt that
#         is not an EDGAR submission;
#   html  *.htm / *.html (13D, 10-K, EDGAR's rendered Form 4);
#   sgml  the EDGAR complete submission(s) as they are, plus every text, HTML and XML fixture
#         wrapped in a <SEC-DOCUMENT>/<SEC-HEADER>/<DOCUMENT> envelope (the header taken from the
#         example submission), plus one-line `.nc`-style submissions of the XML fixtures;
#   xml   *.xml (13D/G edgarSubmission primary_doc.xml, Form 4 ownershipDocument).
# tests/data holds no filings (name_pairs.tsv is a table of names): its rows go into the text
# corpus as one seed, so names with punctuation and non-ASCII letters are in there.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$repo/fuzz/corpus"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(text html sgml xml)

# All fixture files, NUL-separated, in a stable order.
fixtures() {
    find "$repo/tests/fixtures" "$repo/examples/filings" "$repo/tests/data" -type f -print0 |
        sort -z
}

# Whether a file is an EDGAR complete submission (an SGML tag line near its top).
is_submission() {
    head -n 60 "$1" | grep -Eq '^[[:space:]]*<(SEC-DOCUMENT|SEC-HEADER|IMS-HEADER|IMS-DOCUMENT|SUBMISSION|DOCUMENT)>'
}

# Copies a file into a target's corpus under a name that says where it came from.
seed() {
    local target="$1" file="$2" name
    name="${file#"$repo"/}"
    cp "$file" "$corpus/$target/${name//\//__}"
}

# The SGML header of the first example submission, up to and including </SEC-HEADER>.
header_of() {
    sed -n '1,/^<\/SEC-HEADER>/p' "$1"
}

# Wraps a fixture in a complete-submission envelope with the given document type.
wrap() {
    local header="$1" type="$2" file="$3"
    printf '%s\n' "$header"
    printf '<DOCUMENT>\n<TYPE>%s\n<SEQUENCE>1\n<FILENAME>%s\n<TEXT>\n' "$type" "$(basename "$file")"
    case "$file" in
    *.xml) printf '<XML>\n' && cat "$file" && printf '\n</XML>\n' ;;
    *) cat "$file" && printf '\n' ;;
    esac
    printf '</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n'
}

# A document type for a fixture, from its name (the envelope's <TYPE> is what detection reads first).
type_of() {
    case "$(basename "$1")" in
    *13d*) echo "SC 13D" ;;
    *13ga*) echo "SC 13G/A" ;;
    *13g*) echo "SC 13G" ;;
    *form4*) echo "4" ;;
    *10k*) echo "10-K" ;;
    *10q*) echo "10-Q" ;;
    *8k*) echo "8-K" ;;
    *s8*) echo "S-8" ;;
    *) echo "SC 13G" ;;
    esac
}

for target in "${targets[@]}"; do
    mkdir -p "$corpus/$target"
done

want() {
    local t
    for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done
    return 1
}

submissions=()
while IFS= read -r -d '' f; do
    case "$f" in
    *.txt) is_submission "$f" && submissions+=("$f") ;;
    esac
done < <(fixtures)

while IFS= read -r -d '' f; do
    case "$f" in
    *.md) ;; # EXPECTED.md and README.md: prose about the fixtures, not filings
    *.tsv) want text && seed text "$f" ;;
    *.htm | *.html) want html && seed html "$f" ;;
    *.xml) want xml && seed xml "$f" ;;
    *.txt | *.bin)
        if is_submission "$f"; then
            want sgml && seed sgml "$f"
        elif want text; then
            seed text "$f"
        fi
        ;;
    esac
done < <(fixtures)

if want sgml && [ ${#submissions[@]} -gt 0 ]; then
    header="$(header_of "${submissions[0]}")"
    while IFS= read -r -d '' f; do
        case "$f" in
        *.txt | *.htm | *.html | *.xml)
            is_submission "$f" && continue
            name="${f#"$repo"/}"
            wrap "$header" "$(type_of "$f")" "$f" >"$corpus/sgml/wrapped__${name//\//__}.txt"
            ;;
        esac
        case "$f" in
        *.xml)
            # a one-line `.nc` submission (the reflow path in load/submission.rs)
            name="${f#"$repo"/}"
            {
                printf '<SUBMISSION><ACCESSION-NUMBER>0009999999-24-000102<TYPE>%s' "$(type_of "$f")"
                printf '<FILING-DATE>20240213<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>Jane Roe'
                printf '<CIK>0009999998</OWNER-DATA></REPORTING-OWNER><DOCUMENT><TYPE>%s' "$(type_of "$f")"
                printf '<SEQUENCE>1<TEXT><XML>'
                tr '\n' ' ' <"$f"
                printf '</XML></TEXT></DOCUMENT></SUBMISSION>'
            } >"$corpus/sgml/oneline__${name//\//__}.nc.txt"
            ;;
        esac
    done < <(fixtures)
fi

for target in "${targets[@]}"; do
    printf '%-5s %3d seeds in %s\n' "$target" "$(find "$corpus/$target" -type f | wc -l)" \
        "${corpus#"$repo"/}/$target"
done
