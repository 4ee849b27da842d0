/**
 * The decentralized runtime (Dec-LoRA, Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361) on the virtual clock:
 * {@link org.lorasim.actors.gossip.GossipNode}, one clock participant per client that trains, sends its adapter
 * to its neighbours through {@link org.lorasim.actors.link.LinkActor}s and mixes what arrives;
 * {@link org.lorasim.actors.gossip.GossipNetwork}, the factory of nodes and links; and
 * {@link org.lorasim.actors.gossip.GossipRounds}, the observer side that turns the nodes' reports into
 * {@link org.lorasim.actors.run.RoundRecord}s.
 */
package org.lorasim.actors.gossip;
