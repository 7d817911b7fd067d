import { app } from './en/app';
import { errors } from './en/errors';
import { forms } from './en/forms';

/**
 * English app-shell messages: the frame every page shares, server errors and form building blocks.
 * Loaded on demand; feature messages live with their feature (features/<module>/messages).
 */
export const shell = { ...app, ...errors, ...forms };
