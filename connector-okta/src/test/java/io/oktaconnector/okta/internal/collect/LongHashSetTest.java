package io.oktaconnector.okta.internal.collect;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LongHashSetTest {

    @Test
    void behavesLikeASetThroughManyGrowths() {
        LongHashSet set = new LongHashSet(0);
        Set<Long> reference = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // a small range of keys, so that repeats happen, and 0 among them
            long key = random.nextInt(150_000) * 0x9e3779b97f4a7c15L;
            assertThat(set.add(key)).isEqualTo(reference.add(key));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (long k : reference) {
            assertThat(set.contains(k)).isTrue();
        }
        assertThat(set.contains(12345L)).isEqualTo(reference.contains(12345L));
    }

    @Test
    void zeroIsAValueLikeAnyOther() {
        LongHashSet set = new LongHashSet(4);
        assertThat(set.contains(0)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void idHashesDifferForIdsThatDifferInOneCharacter() {
        assertThat(LongHashSet.hash("00u1abcdefghijklmnop")).isNotEqualTo(LongHashSet.hash("00u1abcdefghijklmnoq"));
        assertThat(LongHashSet.hash("00u1abcdefghijklmnop")).isEqualTo(LongHashSet.hash("00u1abcdefghijklmnop"));
    }
}
