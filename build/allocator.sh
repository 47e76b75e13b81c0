# Sourced by ./lamdas and test.sh. libtorch allocates and frees blocks of tens of megabytes on every batch (the
# logits of a head chunk, their gradients). Under glibc's defaults each is a fresh mmap whose pages fault in again on
# every batch; keeping freed memory in the heap took pretraining lamdas-tiny on 2 cores from 749 to 1,588 tokens/s.
# Memory stays bounded by the largest batch. A value already in the environment wins. The container images set the
# same values (deploy/docker/Dockerfile*); docs/building.md explains them.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4294967296}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-68719476736}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-1073741824}"
