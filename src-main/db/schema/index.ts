/** Every table, one file per capability; add the next capability's file here. */
export * from './auth';
export * from './catalog';
export * from './channels-auth';
export * from './channels-runtime';
export * from './erp';
export * from './imports';
export * from './lifecycle';
export * from './local';
export * from './orders';
export * from './system';
export * from './views';
export * from './rules';
export * from './inventory';
export * from './exceptions';
export * from './tracking';
export * from './notify';
export * from './shipping';
