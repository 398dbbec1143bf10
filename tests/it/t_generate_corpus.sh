#!/bin/bash
# The generator over the whole idea corpus, 8 frameworks (issue 3 acceptance 1 and 2).
exec bash "$(dirname "$0")/generate_corpus.sh" "$1/agentgen"
