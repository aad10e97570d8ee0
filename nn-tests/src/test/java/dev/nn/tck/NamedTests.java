package dev.nn.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the kit names a plugin made by a class without a name of its own: with the article its kind takes. */
class NamedTests {
  @Test
  void anAnonymousPluginIsNamedByTheClassThatMadeIt() {
    Object made = new Object() { };
    assertEquals("an activation made in " + NamedTests.class.getName(), Named.activation(made));
    assertEquals("a loss made in " + NamedTests.class.getName(), Named.loss(made));
  }
}
