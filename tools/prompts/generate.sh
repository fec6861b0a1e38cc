#!/bin/sh
# Generates the French prompts of the queue position announcement (telephony README, "Position
# in queue"): espeak-ng's French voice, then sox to 8 kHz mono 16-bit WAV with the silence at
# both ends trimmed (the pieces are played one after another) and a short pause after each.
# Needs: apt-get install -y espeak-ng sox. Run from the repository root; the files are committed.
set -eu
out=packages/telephony/prompts/fr
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {
  espeak-ng -v fr-fr -s 150 -w "$tmp/raw.wav" "$2"
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$out/$1.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 "${3:-0.12}"
}

# Sentences.
say vous-etes-le "Vous êtes le" 0.03
say en-attente "en attente."
say plus-de-99 "Plus de quatre-vingt-dix-neuf appels sont avant le vôtre."
say temps-attente "Temps d'attente estimé :"
say moins-d-une-minute "moins d'une minute."
say plus-d-une-heure "plus d'une heure."
say minute "minute."
say minutes "minutes."
say merci "Merci de patienter."

# Ordinals: the whole word below 20, the tens, and "unième" for 21, 31… 81.
set -- premier deuxième troisième quatrième cinquième sixième septième huitième neuvième \
  dixième onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième \
  dix-neuvième
n=1
for word in "$@"; do say "ord-$n" "$word" 0.03; n=$((n + 1)); done
say ord-unieme "unième" 0.03
say ord-20 "vingtième" 0.03
say ord-30 "trentième" 0.03
say ord-40 "quarantième" 0.03
say ord-50 "cinquantième" 0.03
say ord-60 "soixantième" 0.03
say ord-80 "quatre-vingtième" 0.03

# Cardinals (feminine "une": minutes), below 20, and the tens that start a compound.
set -- une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze \
  seize dix-sept dix-huit dix-neuf
n=1
for word in "$@"; do say "card-$n" "$word" 0.03; n=$((n + 1)); done
say tens-20 "vingt" 0.02
say tens-30 "trente" 0.02
say tens-40 "quarante" 0.02
say tens-50 "cinquante" 0.02
say tens-60 "soixante" 0.02
say tens-80 "quatre-vingt" 0.02
say tens-20-et "vingt et" 0.02
say tens-30-et "trente et" 0.02
say tens-40-et "quarante et" 0.02
say tens-50-et "cinquante et" 0.02
say tens-60-et "soixante et" 0.02
du -sh "$out"
