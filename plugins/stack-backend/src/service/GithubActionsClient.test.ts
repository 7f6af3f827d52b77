import { nextLink } from './GithubActionsClient';

describe('nextLink', () => {
  it('finds rel="next" among the relations GitHub sends', () => {
    expect(
      nextLink(
        '<https://api.github.com/repositories/1/actions/runs?per_page=2&page=2>; rel="next", ' +
          '<https://api.github.com/repositories/1/actions/runs?per_page=2&page=5>; rel="last"',
      ),
    ).toBe(
      'https://api.github.com/repositories/1/actions/runs?per_page=2&page=2',
    );
  });

  it('is undefined on the last page or without a header', () => {
    expect(
      nextLink(
        '<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=4>; rel="prev"',
      ),
    ).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
