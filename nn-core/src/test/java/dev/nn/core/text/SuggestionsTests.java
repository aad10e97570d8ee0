package dev.nn.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTests {

  @Test
  void theDistanceCountsInsertionsDeletionsSubstitutionsAndAdjacentSwaps() {
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(1, Suggestions.distance("rleu", "relu"));
    assertEquals(3, Suggestions.distance("", "abc"));
    assertEquals(0, Suggestions.distance("same", "same"));
    // optimal string alignment edits no substring twice: 3 here, where unrestricted Damerau–Levenshtein gives 2
    assertEquals(3, Suggestions.distance("ca", "abc"));
  }

  @Test
  void typosCaseUnderscoresAndCamelCaseFindTheKebabCaseKey() {
    List<String> keys = List.of("epochs", "batch-size", "shuffle", "early-stopping", "checkpoint-every");

    assertEquals(List.of("epochs"), Suggestions.closest("epoch", keys));
    assertEquals(List.of("batch-size"), Suggestions.closest("batchSize", keys));
    assertEquals(List.of("batch-size"), Suggestions.closest("batch_size", keys));
    assertEquals(List.of("early-stopping"), Suggestions.closest("early", keys));
    assertEquals(List.of(), Suggestions.closest("verbose", keys));
  }

  /** The short forms other frameworks' users type: initials (lr, bs), a longer spelling (epsilon for eps). */
  @Test
  void initialsAndLongerSpellingsFindTheKey() {
    List<String> adam = List.of("learning-rate", "beta1", "beta2", "eps", "weight-decay", "clip-norm");
    assertEquals(List.of("learning-rate"), Suggestions.closest("lr", adam));
    assertEquals(List.of("weight-decay"), Suggestions.closest("wd", adam));
    assertEquals(List.of("eps"), Suggestions.closest("epsilon", adam));
    assertEquals(List.of("batch-size"), Suggestions.closest("bs", List.of("epochs", "batch-size", "shuffle")));
    // one letter is no initials, and a word that only begins like a short key is not it
    assertEquals(List.of(), Suggestions.closest("l", adam));
    assertEquals(List.of(), Suggestions.closest("momentum", adam));
  }

  @Test
  void closerCandidatesComeFirst() {
    // leaky-relu is 1 edit away, leaky-elu 2: distance decides before the alphabet does
    assertEquals(List.of("leaky-relu", "leaky-elu"), Suggestions.closest("leaky-rel", List.of("leaky-elu", "leaky-relu", "tanh")));
  }
}
