package dev.nn.core.kernel;

/**
 * Run in a JVM of its own by {@link OpenBlasCoreTypeTests}: loads OpenBLAS with the choice given first and prints
 * what it got, one "key=value" line each, then asks again with each further choice and prints the outcome.
 */
final class OpenBlasProbe {
  private OpenBlasProbe() {}

  public static void main(String[] args) {
    OpenBlas.Loaded loaded = OpenBlas.require(BlasCoreType.parse(args[0]));
    System.out.println("core=" + loaded.coreName());
    System.out.println("describe=" + loaded.describe());
    System.out.println("overrode=" + loaded.overrodeInherited());
    System.out.println("after=" + NativeEnvironment.get(OpenBlas.CORETYPE) + "," + NativeEnvironment.get(OpenBlas.L2_SIZE));
    for (int i = 1; i < args.length; i++) {
      try {
        System.out.println("again=" + OpenBlas.require(BlasCoreType.parse(args[i])).coreName());
      } catch (IllegalStateException | IllegalArgumentException e) {
        System.out.println("again=" + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
