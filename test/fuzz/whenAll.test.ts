// Found by the fuzz suite: a handler that failed on one of several lookups run alongside answered while the others
// were still on their way, and their reads landed in the next call's metrics (a "0 operations" check flaked).
import { whenAll } from '../../cloudfunctions/common/whenAll'

test('whenAll answers a failure only after every operation alongside it has settled', async () => {
  let siblingDone = false
  const sibling = new Promise((resolve) => setTimeout(() => { siblingDone = true; resolve(1) }, 50))
  await expect(whenAll([Promise.reject(new Error('这节课不存在')), sibling])).rejects.toThrow('这节课不存在')
  expect(siblingDone).toBe(true)
})

test('whenAll answers the values in order, and the first failure when several fail', async () => {
  await expect(whenAll([Promise.resolve(1), 'two', Promise.resolve([3])])).resolves.toEqual([1, 'two', [3]])
  const late = new Promise((_r, reject) => setTimeout(() => reject(new Error('second')), 20))
  await expect(whenAll([Promise.reject(new Error('first')), late])).rejects.toThrow('first')
})
