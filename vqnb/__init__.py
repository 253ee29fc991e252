__version__ = "0.0.1"

import warnings
# fastai's import calls torch.jit.script, which torch 2.14 deprecates: the warning, with an absolute site-packages path, is not ours to fix
warnings.filterwarnings('ignore', message=r'`torch\.jit\.script` is deprecated', category=FutureWarning)
