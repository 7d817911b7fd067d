import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/platform/config';

describe('where uploaded files are kept (STORAGE_*)', () => {
  it('when nothing is set, then files go to a folder under DATA_DIR, and no bucket is used', () => {
    const c = loadConfig({});
    expect(c.STORAGE_S3_BUCKET).to.equal(undefined);
    expect(c.STORAGE_DIR).to.equal(undefined);
    expect(c.STORAGE_S3_FORCE_PATH_STYLE).to.equal(false);
  });

  it('when a bucket and an endpoint are set, then the S3 store addresses the bucket in the path unless told otherwise', () => {
    const c = loadConfig({ STORAGE_S3_BUCKET: 'court-files', STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000', STORAGE_S3_ACCESS_KEY_ID: 'k', STORAGE_S3_SECRET_ACCESS_KEY: 's' });
    expect(c).to.include({ STORAGE_S3_BUCKET: 'court-files', STORAGE_S3_REGION: 'us-east-1', STORAGE_S3_FORCE_PATH_STYLE: true });
    expect(loadConfig({ STORAGE_S3_BUCKET: 'court-files', STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000', STORAGE_S3_FORCE_PATH_STYLE: '0' }).STORAGE_S3_FORCE_PATH_STYLE).to.equal(false);
  });

  it('when a value is malformed or half a pair, then start-up stops naming the variable', () => {
    expect(() => loadConfig({ STORAGE_S3_BUCKET: 'Not_A_Bucket' })).to.throw(ConfigError, /STORAGE_S3_BUCKET/);
    expect(() => loadConfig({ STORAGE_S3_BUCKET: 'court-files', STORAGE_S3_ENDPOINT: 'ftp://x' })).to.throw(ConfigError, /STORAGE_S3_ENDPOINT/);
    expect(() => loadConfig({ STORAGE_S3_ENDPOINT: 'http://127.0.0.1:9000' })).to.throw(ConfigError, /STORAGE_S3_BUCKET: required when STORAGE_S3_ENDPOINT/);
    expect(() => loadConfig({ STORAGE_S3_BUCKET: 'court-files', STORAGE_S3_ACCESS_KEY_ID: 'k' })).to.throw(ConfigError, /STORAGE_S3_SECRET_ACCESS_KEY: required/);
  });
});
