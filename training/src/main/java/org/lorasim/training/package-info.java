/**
 * Models and data: transformer blocks with LoRA layers, pretrained weight loaders, tokenizers, datasets
 * and the {@code Trainer} that runs a client's local steps through DJL. Depends on {@code policies} only.
 */
package org.lorasim.training;
