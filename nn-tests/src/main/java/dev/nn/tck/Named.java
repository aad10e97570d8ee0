package dev.nn.tck;

/**
 * A plugin as the kit's failure messages name it: by its own {@code toString} when it has one, else by its class
 * ("com.acme.FocalLoss"), and a class without a name of its own (an anonymous or lambda class made in a provider)
 * by the class that made it ("a loss made in com.acme.FocalLossProvider"), not as {@code Object.toString}'s
 * "com.acme.FocalLossProvider$1@b3ca52e".
 */
final class Named {
  private Named() {}

  static String loss(Object loss) {
    return of(loss, "loss");
  }

  static String activation(Object activation) {
    return of(activation, "activation");
  }

  static String of(Object plugin, String kind) {
    if (plugin == null) {
      return "null";
    }
    Class<?> c = plugin.getClass();
    try {
      if (c.getMethod("toString").getDeclaringClass() != Object.class) {
        return plugin.toString();
      }
    } catch (NoSuchMethodException e) {
      // every class has toString
    }
    if (c.isAnonymousClass() || c.isSynthetic() || c.getName().contains("$$Lambda")) {
      Class<?> outer = c.getEnclosingClass();
      String made = outer != null ? outer.getName() : c.getName().replaceFirst("\\$.*", "");
      return ("aeiou".indexOf(Character.toLowerCase(kind.charAt(0))) >= 0 ? "an " : "a ") + kind + " made in " + made;
    }
    return c.getName();
  }
}
