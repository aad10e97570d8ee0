package dev.nn.core.kernel;

import java.nio.DoubleBuffer;

/**
 * The pure-Java kernels: heap buffers, loops on their backing arrays in an order the JIT vectorises
 * (the innermost loop runs along a row of the output), one thread. Needs nothing installed.
 */
public final class JavaKernels implements Kernels {

  @Override
  public String name() {
    return "java";
  }

  @Override
  public DoubleBuffer allocate(int length) {
    return DoubleBuffer.wrap(new double[length]);
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
      double beta, DoubleBuffer c, int cOffset, int ldc) {
    double[] A = a.array();
    double[] B = b.array();
    double[] C = c.array();
    int ao = a.arrayOffset() + aOffset;
    int bo = b.arrayOffset() + bOffset;
    int co = c.arrayOffset() + cOffset;
    scale(C, co, m, n, ldc, beta);
    if (alpha == 0.0 || k == 0) {
      return;
    }
    if (!transA && !transB) {
      gemmNN(m, n, k, alpha, A, ao, lda, B, bo, ldb, C, co, ldc);
    } else if (transA && !transB) {
      gemmTN(m, n, k, alpha, A, ao, lda, B, bo, ldb, C, co, ldc);
    } else if (!transA) {
      gemmNT(m, n, k, alpha, A, ao, lda, B, bo, ldb, C, co, ldc);
    } else {
      gemmTT(m, n, k, alpha, A, ao, lda, B, bo, ldb, C, co, ldc);
    }
  }

  private static void scale(double[] C, int co, int m, int n, int ldc, double beta) {
    if (beta == 1.0) {
      return;
    }
    for (int i = 0; i < m; i++) {
      int row = co + i * ldc;
      if (beta == 0.0) {
        java.util.Arrays.fill(C, row, row + n, 0.0);
      } else {
        for (int j = 0; j < n; j++) {
          C[row + j] *= beta;
        }
      }
    }
  }

  /** C += alpha·A·B: for each row i of C, add A[i][p]·(row p of B). */
  private static void gemmNN(int m, int n, int k, double alpha, double[] A, int ao, int lda,
      double[] B, int bo, int ldb, double[] C, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      int cRow = co + i * ldc;
      int aRow = ao + i * lda;
      for (int p = 0; p < k; p++) {
        double aip = alpha * A[aRow + p];
        if (aip == 0.0) {
          continue;
        }
        int bRow = bo + p * ldb;
        for (int j = 0; j < n; j++) {
          C[cRow + j] += aip * B[bRow + j];
        }
      }
    }
  }

  /** C += alpha·Aᵀ·B with A stored k×m: for each row i of C, add A[p][i]·(row p of B). */
  private static void gemmTN(int m, int n, int k, double alpha, double[] A, int ao, int lda,
      double[] B, int bo, int ldb, double[] C, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      int cRow = co + i * ldc;
      for (int p = 0; p < k; p++) {
        double api = alpha * A[ao + p * lda + i];
        if (api == 0.0) {
          continue;
        }
        int bRow = bo + p * ldb;
        for (int j = 0; j < n; j++) {
          C[cRow + j] += api * B[bRow + j];
        }
      }
    }
  }

  /** C += alpha·A·Bᵀ with B stored n×k: C[i][j] += alpha·(row i of A)·(row j of B). */
  private static void gemmNT(int m, int n, int k, double alpha, double[] A, int ao, int lda,
      double[] B, int bo, int ldb, double[] C, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      int aRow = ao + i * lda;
      int cRow = co + i * ldc;
      for (int j = 0; j < n; j++) {
        int bRow = bo + j * ldb;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += A[aRow + p] * B[bRow + p];
        }
        C[cRow + j] += alpha * s;
      }
    }
  }

  /** C += alpha·Aᵀ·Bᵀ with A stored k×m and B stored n×k. Rare; kept simple. */
  private static void gemmTT(int m, int n, int k, double alpha, double[] A, int ao, int lda,
      double[] B, int bo, int ldb, double[] C, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      int cRow = co + i * ldc;
      for (int j = 0; j < n; j++) {
        int bRow = bo + j * ldb;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += A[ao + p * lda + i] * B[bRow + p];
        }
        C[cRow + j] += alpha * s;
      }
    }
  }

  @Override
  public void addRowVector(int rows, int cols, DoubleBuffer v, int vOffset, DoubleBuffer c, int cOffset) {
    double[] V = v.array();
    double[] C = c.array();
    int vo = v.arrayOffset() + vOffset;
    int co = c.arrayOffset() + cOffset;
    for (int r = 0; r < rows; r++) {
      int row = co + r * cols;
      for (int j = 0; j < cols; j++) {
        C[row + j] += V[vo + j];
      }
    }
  }

  @Override
  public void columnSums(int rows, int cols, double alpha, DoubleBuffer a, int aOffset, double beta,
      DoubleBuffer out, int outOffset) {
    double[] A = a.array();
    double[] O = out.array();
    int ao = a.arrayOffset() + aOffset;
    int oo = out.arrayOffset() + outOffset;
    for (int j = 0; j < cols; j++) {
      O[oo + j] = beta == 0.0 ? 0.0 : beta * O[oo + j];
    }
    for (int r = 0; r < rows; r++) {
      int row = ao + r * cols;
      for (int j = 0; j < cols; j++) {
        O[oo + j] += alpha * A[row + j];
      }
    }
  }

  @Override
  public double[] view(DoubleBuffer buffer, int length, double[] staging) {
    return buffer.array();
  }

  @Override
  public void commit(double[] view, DoubleBuffer buffer, int length) {
    // the view is the buffer's own array
  }

  @Override
  public boolean viewsAreShared() {
    return true;
  }
}
