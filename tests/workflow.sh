#!/bin/bash
# The GitHub Actions workflow parses as YAML and has the shape CI needs:
# a kernel matrix that the lock file knows, make ci, an uploaded artifact.
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
wf=$top/.github/workflows/lab.yml
check "workflow is valid YAML" python3 -c "import yaml,sys; yaml.safe_load(open('$wf'))"
kernels=$(python3 -c "import yaml; d=yaml.safe_load(open('$wf')); print(' '.join(d['jobs']['lab']['strategy']['matrix']['kernel']))" 2>/dev/null)
check "workflow has a kernel matrix" [ -n "$kernels" ]
for k in $kernels; do
	check "matrix kernel $k is pinned in versions.lock" grep -qE "^kernel +$k " "$top/kernel-config/versions.lock"
done
check "every job has runs-on and steps" python3 -c "
import yaml; d = yaml.safe_load(open('$wf'))
assert all('runs-on' in j and j['steps'] for j in d['jobs'].values())"
check "lab job runs make ci and uploads the tarball" python3 -c "
import yaml; d = yaml.safe_load(open('$wf')); s = d['jobs']['lab']['steps']
assert any('make ci' in x.get('run', '') for x in s)
assert any(x.get('uses', '').startswith('actions/upload-artifact@') for x in s)"
check "lab job caches the vfslab cache folder, keyed by the lock and every fragment" python3 -c "
import yaml; d = yaml.safe_load(open('$wf')); s = d['jobs']['lab']['steps']
c = [x for x in s if x.get('uses', '').startswith('actions/cache@')]
assert c and c[0]['with']['path'] == '~/.cache/vfslab'
k = c[0]['with']['key']
assert 'kernel-config/versions.lock' in k and 'kernel-config/*.config' in k
assert any('VFSLAB_CACHE=/cache' in x.get('run', '') and '.cache/vfslab:/cache' in x.get('run', '') for x in s)"
check "test job runs .ci/run" grep -q 'bash .ci/run' "$wf"
finish
