#!/usr/bin/env bash
# Make the README's pictures with handout itself, so they never go stale:
#
#   bash docs/make-pictures.sh
#
# Builds into a temporary folder (dated edition, as before the deadlines;
# the after-deadline edition; the example organisations; the Arabic test
# fixture) with `--png` and copies the pages the README shows into docs/;
# and takes pictures of the web page's choice of campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/handout
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1747699200   # 2025-05-20: before both deadlines
dpi=60

"$bin" build --out "$tmp/dated" --edition deadline --png --png-dpi $dpi >/dev/null
"$bin" build --out "$tmp/after" --edition after-deadline --layout flyer-a4 --png --png-dpi $dpi >/dev/null
# A campaign without a deadline: LinkedIn's, its date and dated texts left out.
mkdir -p "$tmp/nodate/campaigns" && cp -r layouts fonts icons "$tmp/nodate/"
cp -r campaigns/linkedin-ai "$tmp/nodate/campaigns/always"
sed -i '/^deadline = /d' "$tmp/nodate/campaigns/always/campaign.toml"
for l in nl en; do
  python3 - "$tmp/nodate/campaigns/always/$l/texts.toml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r'\n(card_)?after_deadline_note = ("""[^"]*"""|"[^"\n]*")', '', s)
open(p, "w").write(s)
PY
done
"$bin" build --root "$tmp/nodate" --out "$tmp/nodate/out" --layout flyer-a4 --png --png-dpi $dpi >/dev/null
"$bin" build --out "$tmp/orgs" --all-orgs --edition deadline --png --png-dpi $dpi >/dev/null 2>&1
# Single cards are small: drawn at 150 dpi.
"$bin" build --out "$tmp/card" --layout pocket-card-print --edition deadline --png --png-dpi 150 >/dev/null
"$bin" build --out "$tmp/orgcard" --org buurthuis-de-linde --layout pocket-card-print --edition deadline --png --png-dpi 150 >/dev/null 2>&1
# The Arabic fixture: a copy of the project with the fixture's language.
mkdir -p "$tmp/ar/campaigns/meta-ai"
cp -r layouts fonts icons "$tmp/ar/"
cp -r campaigns/meta-ai/campaign.toml campaigns/meta-ai/nl "$tmp/ar/campaigns/meta-ai/"
cp -r tests/fixtures/scripts/ar "$tmp/ar/campaigns/meta-ai/"
"$bin" build --root "$tmp/ar" --lang ar --platform facebook --layout flyer-a4 --out "$tmp/ar/out" \
  --edition deadline --png --png-dpi $dpi >/dev/null

# The icons in LinkedIn's app steps, close up: the A4 flyer at 150 dpi.
"$bin" build --out "$tmp/icons" --campaign linkedin-ai --lang nl --platform linkedin --layout flyer-a4 \
  --edition deadline --png --png-dpi 150 >/dev/null

pick() { cp "$1" "docs/$2"; }
convert "$tmp/icons/linkedin-ai/nl/linkedin-flyer-a4-1.png" -crop 590x400+600+690 +repage -strip docs/icons.png
d=$tmp/dated/meta-ai
l=$tmp/dated/linkedin-ai
pick "$d/nl/facebook-flyer-a4-1.png" facebook-flyer-a4.png
pick "$d/en/instagram-flyer-a4-1.png" instagram-flyer-a4-en.png
pick "$tmp/after/meta-ai/nl/facebook-flyer-a4-after-deadline-1.png" facebook-flyer-a4-after-deadline.png
pick "$d/nl/facebook-pocket-cards-1.png" facebook-pocket-cards-1.png
pick "$d/nl/facebook-pocket-cards-2.png" facebook-pocket-cards-2.png
pick "$tmp/card/meta-ai/nl/facebook-pocket-card-print-1.png" facebook-pocket-card-print-1.png
pick "$tmp/card/meta-ai/nl/facebook-pocket-card-print-2.png" facebook-pocket-card-print-2.png
pick "$d/nl/facebook-poster-a3-1.png" facebook-poster-a3.png
pick "$d/nl/instagram-flyer-a5-1.png" instagram-flyer-a5.png
pick "$d/nl/facebook-flyer-a4-large-1.png" facebook-flyer-a4-large-1.png
pick "$d/nl/facebook-flyer-a4-large-2.png" facebook-flyer-a4-large-2.png
pick "$d/nl/facebook-screen-16x9.png" facebook-screen-16x9.png
pick "$d/en/instagram-social-4x5.png" instagram-social-4x5.png
pick "$tmp/orgs/bibliotheek-voorbeeldstad/meta-ai/nl/facebook-flyer-a4-1.png" org-flyer-a4.png
pick "$tmp/orgcard/buurthuis-de-linde/meta-ai/nl/facebook-pocket-card-print-2.png" org-card-back.png
pick "$tmp/orgs/buurthuis-de-linde/meta-ai/nl/facebook-flyer-a4-large-2.png" org-large-print-2.png
pick "$tmp/orgs/buurthuis-de-linde/meta-ai/nl/facebook-screen-16x9.png" org-screen-16x9.png
pick "$tmp/ar/out/meta-ai/ar/facebook-flyer-a4-1.png" fixture-arabic-flyer.png
# LinkedIn's campaign, in every layout.
pick "$l/nl/linkedin-flyer-a4-1.png" linkedin-flyer-a4.png
pick "$l/en/linkedin-flyer-a4-1.png" linkedin-flyer-a4-en.png
pick "$l/nl/linkedin-flyer-a4-large-1.png" linkedin-flyer-a4-large-1.png
pick "$l/nl/linkedin-flyer-a4-large-2.png" linkedin-flyer-a4-large-2.png
pick "$l/nl/linkedin-flyer-a5-1.png" linkedin-flyer-a5.png
pick "$l/nl/linkedin-pocket-cards-1.png" linkedin-pocket-cards-1.png
pick "$l/nl/linkedin-pocket-cards-2.png" linkedin-pocket-cards-2.png
pick "$tmp/card/linkedin-ai/nl/linkedin-pocket-card-print-1.png" linkedin-pocket-card-print-1.png
pick "$l/nl/linkedin-poster-a3-1.png" linkedin-poster-a3.png
pick "$l/nl/linkedin-screen-16x9.png" linkedin-screen-16x9.png
pick "$l/en/linkedin-social-4x5.png" linkedin-social-4x5.png
pick "$tmp/after/linkedin-ai/nl/linkedin-flyer-a4-after-deadline-1.png" linkedin-flyer-a4-after-deadline.png
pick "$tmp/nodate/out/always/nl/linkedin-flyer-a4-1.png" no-deadline-flyer-a4.png
# The web page, in a real browser (needs chromium and chromedriver): the
# choice of campaign at full width and at 320 pixels, and the form.
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  env -u SOURCE_DATE_EPOCH "$bin" serve --listen 127.0.0.1:8799 >/dev/null 2>&1 & server=$!
  sleep 2
  shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$1" --screenshot="$2" "$3" 2>/dev/null; }
  shot 1100,660 docs/campaign-choice.png "http://127.0.0.1:8799/"
  shot 320,1100 docs/campaign-choice-320.png "http://127.0.0.1:8799/"
  kill $server
  HANDOUT_SCREENSHOT="$PWD/docs/web-page.png" cargo test --quiet --test browser >/dev/null
  HANDOUT_SITE_SCREENSHOT="$PWD/docs/browser-edition.png" cargo test --quiet --test site the_browser_edition >/dev/null
  HANDOUT_EDITOR_SCREENSHOT="$PWD/docs/editor.png" cargo test --quiet --test site a_handout_of_one >/dev/null
else
  echo "no chromium: docs/web-page.png not refreshed"
fi
# handout.exe's window after a double-click: the Windows program of
# `cargo xtask dist` (and the Wine stand-in DLL `cargo xtask dist-test`
# built) under Wine on a virtual screen (needs Xvfb and wine).
zip=$(ls target/dist/handout-*-x86_64-pc-windows-gnu.zip 2>/dev/null | head -1 || true)
dll=$(ls target/dist-test/windows/*/bcryptprimitives.dll 2>/dev/null | head -1 || true)
if [ -n "$zip" ] && [ -n "$dll" ] && command -v Xvfb >/dev/null && command -v wine >/dev/null; then
  w=$tmp/windows && mkdir -p "$w" && (cd "$w" && unzip -q "$OLDPWD/$zip") && cp "$dll" "$w"/handout-*/
  printf '#!/bin/sh\nexit 0\n' > "$w/no-browser.sh" && chmod +x "$w/no-browser.sh"
  Xvfb :77 -screen 0 1024x640x24 >/dev/null 2>&1 & xvfb=$!
  sleep 2
  (cd "$w"/handout-*/ && DISPLAY=:77 WINEPREFIX="$w/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    BROWSER="$w/no-browser.sh" wine start /unix handout.exe >/dev/null 2>&1)
  sleep 25
  DISPLAY=:77 import -window root "$w/screen.png"
  convert "$w/screen.png" -crop 662x424+0+0 +repage -strip docs/windows-window.png
  WINEPREFIX="$w/prefix" wineserver -k; kill $xvfb
else
  echo "no target/dist, Xvfb or wine: docs/windows-window.png not refreshed (cargo xtask dist, dist-test)"
fi
echo "pictures refreshed in docs/"
