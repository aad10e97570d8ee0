package dev.nn.core.kernel;

/** {@link RowLoops} as the plain loops of {@link GemmLoops}. */
final class ScalarLoops implements RowLoops {

  @Override
  public String description() {
    return "scalar";
  }

  @Override
  public int lanes() {
    return 1;
  }

  @Override
  public void axpyForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    GemmLoops.axpyForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, b, bo, ldb, c, co, ldc);
  }

  @Override
  public void dotForm(int i0, int i1, int j0, int j1, int k, double alpha, double[] a, int ao, int si, int sp,
      double[] bt, int bo, int ldb, double[] c, int co, int ldc) {
    GemmLoops.dotForm(i0, i1, j0, j1, k, alpha, a, ao, si, sp, bt, bo, ldb, c, co, ldc);
  }
}
