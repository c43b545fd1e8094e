package io.llmemb.devstack.e2e;

/** The smoke test on the default stack (external, else in-process broker + our registry). */
class ItemRoundTripTest extends ItemRoundTripContract {}
