#!/bin/sh
# Gradescope's setup.sh (packed at the root of build/autograder/labN.zip by
# `make autograder LAB=N`). Gradescope unpacks the zip into
# /autograder/source and runs this once, as root, while it builds the
# autograder image: it installs the Debian/Ubuntu packages grading needs
# (os/tools/deps.sh --grading: no documentation tools, no browser) and
# builds the project, so that grading a submission only builds its driver.
set -eu
src=$(cd "$(dirname "$0")" && pwd)
sh "$src/os/tools/deps.sh" --grading
make -C "$src" -j2 all
