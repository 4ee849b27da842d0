/**
 * Trainer slots (DESIGN.md, "Actors"): {@link org.lorasim.actors.trainer.TrainerSlot} trains any client's
 * LoRA adapter on the JVM's one frozen base model ({@link org.lorasim.actors.trainer.SharedBaseModel}) on a
 * thread of its own and reports the outcome to the virtual clock as eager work;
 * {@link org.lorasim.actors.trainer.TrainerSlots} is the pool of slots of a JVM where idle slots pull the
 * next request from one queue.
 */
package org.lorasim.actors.trainer;
